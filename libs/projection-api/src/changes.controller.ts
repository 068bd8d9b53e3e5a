import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { parseInput } from '@quotient/http';
import type { ProjectionService, StoredMetricChange } from '@quotient/projection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangesQuery } from './queries';
import { PROJECTION } from './tokens';

/**
 * MetricChanged as Server-Sent Events. `Last-Event-ID` (or `?lastEventId=`) resumes from the
 * durable value history; filters narrow to one metric, scope or period.
 */
@Controller('metrics/changes')
export class ChangesController {
  constructor(@Inject(PROJECTION) private readonly projection: ProjectionService) {}

  @Get()
  async stream(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { lastEventId: fromQuery, ...filters } = query;
    const filter = parseInput(ChangesQuery, filters);
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
    if (replaying) {
      let last = resumeFrom;
      for (;;) {
        const page = await this.projection.store.changesAfter(last, 1000);
        for (const c of page) if (matches(c)) send(c);
        if (page.length > 0) last = page[page.length - 1].seq;
        if (page.length < 1000) break;
      }
      for (const c of buffered) if (c.seq > last) send(c);
      replaying = false;
    }
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), 15_000);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
