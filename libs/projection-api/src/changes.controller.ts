import { type BeforeApplicationShutdown, Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { parseInput } from '@quotient/http';
import { AggregateNotFound } from '@quotient/kernel';
import type { MetricDefinition } from '@quotient/metrics';
import type { ProjectionService, StoredMetricChange } from '@quotient/projection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { ChangesQuery } from './queries';
import { CATALOGUE, PROJECTION } from './tokens';

/**
 * MetricChanged as Server-Sent Events. `Last-Event-ID` (or `?lastEventId=`) resumes from the
 * durable value history; filters narrow to one metric, scope or period.
 */
@Controller('metrics/changes')
export class ChangesController implements BeforeApplicationShutdown {
  /** The streams open now: ended when the service stops, so that stopping waits for none of them. */
  private readonly open = new Set<ServerResponse>();

  constructor(
    @Inject(PROJECTION) private readonly projection: ProjectionService,
    @Inject(CATALOGUE) private readonly catalogue: readonly MetricDefinition[],
  ) {}

  /**
   * An SSE response never ends by itself: the HTTP server's close would wait for every open one (a
   * dashboard tab holds one) until the process is killed. Clients reconnect (`retry`) with their
   * `Last-Event-ID` and miss nothing.
   */
  beforeApplicationShutdown(): void {
    for (const raw of this.open) raw.end();
    this.open.clear();
  }

  @Get()
  async stream(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { lastEventId: fromQuery, ...filters } = query;
    const filter = parseInput(ChangesQuery, filters);
    if (filter.metric !== undefined && !this.catalogue.some((m) => m.id === filter.metric)) throw new AggregateNotFound('metric', filter.metric);
    const resumeFrom = Number(request.headers['last-event-id'] ?? fromQuery ?? NaN);
    const matches = (c: StoredMetricChange) =>
      (!filter.metric || c.metric === filter.metric) && (!filter.scope || c.scope === filter.scope) && (!filter.period || c.period === filter.period);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-correlation-id': String(request.id),
    });
    raw.write(': connected to Quotient metric changes\nretry: 2000\n\n');
    const send = (c: StoredMetricChange) => {
      if (raw.writableEnded) return;
      const { seq, ...change } = c;
      raw.write(`id: ${seq}\nevent: MetricChanged\ndata: ${JSON.stringify(change)}\n\n`);
    };
    const buffered: StoredMetricChange[] = [];
    let replaying = Number.isFinite(resumeFrom);
    const unsubscribe = this.projection.hub.subscribe((c) => {
      if (!matches(c)) return;
      if (replaying) buffered.push(c);
      else send(c);
    });
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), 15_000);
    this.open.add(raw);
    raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(raw);
    });
    if (replaying) {
      let last = resumeFrom;
      while (!raw.writableEnded) {
        const page = await this.projection.store.changesAfter(last, 1000);
        for (const c of page) if (matches(c)) send(c);
        if (page.length > 0) last = page[page.length - 1].seq;
        if (page.length < 1000) break;
      }
      for (const c of buffered) if (c.seq > last) send(c);
      replaying = false;
    }
  }
}
