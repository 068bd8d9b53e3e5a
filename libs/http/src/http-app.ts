import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { newId } from '@quotient/kernel';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { PinoNestLogger } from './logging';
import { problem } from './problem';
import { ProblemFilter, sendProblem } from './problem.filter';

export interface HttpAppOptions {
  readonly module: unknown;
  readonly logger: Logger;
  readonly openApi?: object;
}

const CORRELATION_HEADER = 'x-correlation-id';
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** A request that carries a body (a POST with no body, as `curl -XPOST` sends, has none to type). */
const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * A Nest application on Fastify with what every Quotient service shares: correlation ids on
 * every request and log line, problem+json errors, one access-log line per request, /docs.
 */
export const createHttpApp = async ({ module, logger, openApi }: HttpAppOptions): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One access-log line per request comes from our own onResponse hook, with the correlation id.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: CORRELATION_HEADER,
    genReqId: () => newId(),
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, { logger: new PinoNestLogger(logger), abortOnError: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_HEADER, String(request.id));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    request.log.info({ correlationId: request.id, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });
  // Bodies are JSON. Any other type used to be parsed as what it claimed: `curl -d '{}'` without the
  // content-type header sends a form, whose one key `{}` came back as "not a known field".
  fastify.addHook('preValidation', async (request, reply) => {
    if (!hasBody(request.headers)) return;
    const type = request.headers['content-type'] ?? '';
    if (JSON_TYPE.test(type)) return;
    const detail = `send the body as JSON with the header Content-Type: application/json (this request's ${type ? `was ${type}` : 'had none'})`;
    return sendProblem(request, reply, problem(415, 'unsupported-media-type', detail));
  });
  app.useGlobalFilters(new ProblemFilter());
  if (openApi) SwaggerModule.setup('docs', app as INestApplication, openApi as never, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
};
