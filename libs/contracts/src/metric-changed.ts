import { z } from 'zod';

/** `quotient.metrics.changed.v1`: emitted only when a metric's value actually changes. */
export const MetricChanged = z.object({
  metric: z.string(),
  scope: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  previousValue: z.number().nullable(),
  unit: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  causedBy: z.object({ eventId: z.string(), streamId: z.string(), revision: z.number().int() }),
  position: z.number().int(),
  occurredAt: z.string(),
});
export type MetricChanged = z.infer<typeof MetricChanged>;

export const metricChangedKey = (m: Pick<MetricChanged, 'metric' | 'scope' | 'period'>): string => `${m.metric}|${m.scope}|${m.period}`;
