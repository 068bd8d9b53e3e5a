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
    void sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), toProblem(error, this.logger));
  }
}

/** Answers with a problem, naming the request (its path and correlation id): the one way every error leaves a service. */
export const sendProblem = (request: FastifyRequest, reply: FastifyReply, answer: Problem): FastifyReply =>
  reply
    .status(answer.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ ...answer, instance: request.url, correlationId: String(request.id) });

/** Fastify's own client errors with a code of ours. */
const FASTIFY_CODES: Readonly<Record<string, string>> = { FST_ERR_CTP_INVALID_JSON: 'malformed-json', FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type' };

export const toProblem = (error: unknown, logger?: Pick<Logger, 'error'>): Problem => {
  if (error instanceof QuotientError) return problemFromError(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? 'route-not-found' : /JSON/.test(error.message) ? 'malformed-json' : status === 400 ? 'bad-request' : `http-${status}`;
    return problem(status, code, error.message);
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code = (fastifyError.code && FASTIFY_CODES[fastifyError.code]) ?? (error instanceof SyntaxError ? 'malformed-json' : 'bad-request');
    return problem(fastifyError.statusCode, code, fastifyError.message ?? 'Bad request');
  }
  logger?.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problem(500, 'internal-error', 'An unexpected error occurred; it has been logged with this correlation id');
};
