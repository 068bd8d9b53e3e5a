import { Inject, Injectable } from '@nestjs/common';
import { CURRENT_SCHEMA_VERSION, readEvent } from '@quotient/contracts';
import { CommandHandler, createCommandHandler, EventStore, HandleResult } from '@quotient/eventsourcing';
import { Clock, Command, Decider, DomainEvent } from '@quotient/kernel';
import type { FastifyRequest } from 'fastify';
import { commandMetadata, idempotencyKeyOf, requestFingerprint } from './request-context';
import { parseCommandBody } from './command-body';
import { CLOCK, EVENT_STORE, SERVICE_INFO, ServiceInfo } from './tokens';
import type { z } from 'zod';

const upcast = (type: string, schemaVersion: number, data: unknown): DomainEvent =>
  schemaVersion === CURRENT_SCHEMA_VERSION ? { type, data } : readEvent(type, schemaVersion, data);

/**
 * Runs a command from an HTTP request through the one command handler: metadata from the
 * request, Idempotency-Key honoured, business time from `occurredAt`.
 */
@Injectable()
export class CommandRunner {
  private readonly handlers = new Map<Decider<never, unknown, never>, CommandHandler<Command>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  /**
   * Parses a request body with the command's body schema (400 naming every bad field, nothing
   * appended), adds what comes from the path, and runs the command.
   */
  runBody<C extends Command, S, E extends DomainEvent>(
    decider: Decider<C, S, E>,
    streamId: string,
    type: C['type'],
    schema: z.ZodType<{ occurredAt?: string; currency?: string }>,
    body: unknown,
    request: FastifyRequest,
    fromPath: Record<string, unknown> = {},
  ): Promise<HandleResult> {
    const { occurredAt, currency: _currency, ...data } = parseCommandBody(schema, body, this.info.baseCurrency);
    return this.run(decider, streamId, { type, data: { ...data, ...fromPath } as C['data'] }, request, occurredAt);
  }

  run<C extends Command, S, E extends DomainEvent>(
    decider: Decider<C, S, E>,
    streamId: string,
    command: { type: C['type']; data: C['data'] },
    request: FastifyRequest,
    occurredAt?: string,
  ): Promise<HandleResult> {
    const metadata = commandMetadata(request, this.clock.now(), occurredAt);
    return this.handlerFor(decider)(streamId, { ...command, metadata } as C, {
      idempotencyKey: idempotencyKeyOf(request),
      requestHash: requestFingerprint(request),
    });
  }

  private handlerFor<C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>): CommandHandler<C> {
    const key = decider as unknown as Decider<never, unknown, never>;
    let handler = this.handlers.get(key);
    if (!handler) {
      handler = createCommandHandler(this.store, decider, { upcast }) as CommandHandler<Command>;
      this.handlers.set(key, handler);
    }
    return handler as CommandHandler<C>;
  }
}

/** The aggregate id is the part of the stream id after the first dash. */
export const idOfStream = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);
