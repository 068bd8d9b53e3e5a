import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { EventStore } from '@quotient/eventsourcing';
import { AggregateNotFound } from '@quotient/kernel';
import { z } from 'zod';
import { parseInput } from './problem';
import { EVENT_STORE } from './tokens';

const LogQuery = z.object({
  fromPosition: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Only events recorded at or before this instant: the log as it was known then. */
  recordedUpTo: z.iso.datetime({ offset: true }).optional(),
});

/** The audit trail every command service serves: a stream's full history, and the whole log. */
@Controller()
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('streams/:streamId/events')
  async stream(@Param('streamId') streamId: string) {
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw new AggregateNotFound('stream', streamId);
    return { streamId, revision: events[events.length - 1].revision, events };
  }

  @Get('events')
  async log(@Query() query: unknown) {
    const { fromPosition, limit, recordedUpTo } = parseInput(LogQuery, query);
    const upTo = recordedUpTo ? new Date(recordedUpTo).toISOString() : undefined;
    const [events, lastPosition] = await Promise.all([this.store.readAll({ fromPosition, limit, recordedUpTo: upTo }), this.store.lastPosition()]);
    const next = events.length > 0 ? events[events.length - 1].position + 1 : fromPosition;
    return { fromPosition, lastPosition, nextFromPosition: next <= lastPosition ? next : null, events };
  }
}
