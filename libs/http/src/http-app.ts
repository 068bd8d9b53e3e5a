import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { newId } from '@quotient/kernel';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { PinoNestLogger } from './logging';
import { ProblemFilter } from './problem.filter';

export interface HttpAppOptions {
  readonly module: unknown;
  readonly logger: Logger;
  readonly openApi?: object;
}

const CORRELATION_HEADER = 'x-correlation-id';

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
  app.useGlobalFilters(new ProblemFilter());
  if (openApi) SwaggerModule.setup('docs', app as INestApplication, openApi as never, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
};
