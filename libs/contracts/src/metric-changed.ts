import { z } from 'zod';

const EventRef = z.object({ eventId: z.string(), streamId: z.string(), revision: z.number().int() });

/** The most events `alsoCausedBy` names (the latest ones; a catch-up may fold thousands into one change). */
export const MAX_ALSO_CAUSED_BY = 16;

/**
 * `quotient.metrics.changed.v1`: emitted only when a metric's value actually changes. `causedBy`
 * is the event that changed what the value's formula reads (its counters, of any scope and
 * period, and the metrics it reads), the one applied last when several did in the same projection
 * batch; `alsoCausedBy` then names the others (in the order applied, at most MAX_ALSO_CAUSED_BY),
 * so every event's effect can be traced to the change that carries it. A value that moved with
 * the clock names the event that moved the clock (or the level); a catch-up over a backlog names
 * the last event that touched the value's scope and period.
 */
export const MetricChanged = z.object({
  metric: z.string(),
  scope: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  previousValue: z.number().nullable(),
  unit: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  causedBy: EventRef,
  alsoCausedBy: z.array(EventRef).optional(),
  position: z.number().int(),
  occurredAt: z.string(),
});
export type MetricChanged = z.infer<typeof MetricChanged>;

export const metricChangedKey = (m: Pick<MetricChanged, 'metric' | 'scope' | 'period'>): string => `${m.metric}|${m.scope}|${m.period}`;
