import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CommandMetadata, DEFAULT_TENANT } from '@quotient/kernel';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Who is asking and in which tenant. Until the security model (DESIGN.md §7) lands, the actor is
 * taken from `X-Actor` and the tenant is the default one; the bearer-token guard will fill both.
 */
export const commandMetadata = (request: FastifyRequest, now: Date, occurredAt?: string): CommandMetadata => ({
  tenantId: DEFAULT_TENANT,
  actor: header(request, 'x-actor') ?? 'anonymous',
  correlationId: String(request.id),
  causationId: header(request, 'x-causation-id'),
  occurredAt: occurredAt ? new Date(occurredAt).toISOString() : now.toISOString(),
  now: now.toISOString(),
});

export const idempotencyKeyOf = (request: FastifyRequest): string | undefined => {
  const key = header(request, 'idempotency-key');
  return key && key.length > 0 ? key.slice(0, 200) : undefined;
};

/** Same method, path and body = same request; anything else with the same key is refused. */
export const requestFingerprint = (request: FastifyRequest): string =>
  createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
