import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { QuotientError } from '@quotient/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problem, problemFromError } from './problem';

/** Maps every error, once, to application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = { ...toProblem(error, this.logger), instance: request.url, correlationId: String(request.id) };
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }
}

export const toProblem = (error: unknown, logger?: Pick<Logger, 'error'>): Problem => {
  if (error instanceof QuotientError) return problemFromError(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? 'route-not-found' : /JSON/.test(error.message) ? 'malformed-json' : status === 400 ? 'bad-request' : `http-${status}`;
    return problem(status, code, error.message);
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON' || error instanceof SyntaxError
        ? 'malformed-json'
        : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported-media-type'
          : 'bad-request';
    return problem(fastifyError.statusCode, code, fastifyError.message ?? 'Bad request');
  }
  logger?.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problem(500, 'internal-error', 'An unexpected error occurred; it has been logged with this correlation id');
};
