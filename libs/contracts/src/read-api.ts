import { z } from 'zod';
import { SCOPE_KINDS } from './vocabulary';

/**
 * The projection's read API (DESIGN.md §4) as its clients read it: the dashboard, the demo's
 * checks, downstream services, and the projection's OpenAPI document. The projection builds these
 * shapes; the schemas are their one definition and the types are inferred from them.
 */

export const MetricArea = z.enum(['target', 'satisfaction', 'efficiency', 'market', 'cost', 'lifecycle', 'forecast', 'channel', 'risk', 'training', 'composite']);
export type MetricArea = z.infer<typeof MetricArea>;
export const MetricUnit = z.enum(['ratio', 'score', 'nps', 'hours', 'days', 'count', 'money', 'money_per_day', 'per_rep']);
export type MetricUnit = z.infer<typeof MetricUnit>;
/** Which way is good: drives colours and the composite. */
export const MetricDirection = z.enum(['higher', 'lower', 'neutral']).meta({ description: 'Which way is good' });
export type MetricDirection = z.infer<typeof MetricDirection>;

/** One metric's value for a scope and period: `GET /metrics`, `GET /metrics/:metric`. */
export const MetricView = z.object({
  metric: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  area: MetricArea,
  scope: z.string(),
  period: z.string(),
  value: z.number().nullable().meta({ description: 'null for a zero denominator, with `inputs.reason`' }),
  unit: MetricUnit,
  direction: MetricDirection,
  inputs: z.record(z.string(), z.unknown()).meta({ description: 'What the formula read (with `reason` when the value is null)' }),
  position: z.number().int().nullable().meta({ description: "The position of the event that last changed the stored value, in `source`'s log (null: never stored)" }),
  source: z.string().nullable().meta({ description: 'The log `position` is in: the context of that event (deals, customers, costs, training)' }),
  updatedAt: z.string().nullable().meta({ description: 'When the projection last stored a change of this value' }),
  previousPeriod: z.string(),
  previousPeriodValue: z.number().nullable(),
  delta: z.number().nullable().meta({ description: "Period-over-period change: value minus the previous period's value" }),
});
export type MetricView = Readonly<z.infer<typeof MetricView>>;

/** A metric of the catalogue: `GET /catalogue`. */
export const CatalogueEntry = z.object({
  id: z.string(),
  zh: z.string(),
  en: z.string(),
  area: MetricArea,
  unit: MetricUnit,
  direction: MetricDirection,
  scopes: z.array(z.enum(SCOPE_KINDS)),
  formula: z.string().meta({ description: 'The formula in words, as METRICS.md writes it (shown on the dashboard)' }),
});
export type CatalogueEntry = Readonly<z.infer<typeof CatalogueEntry>>;

/** What the metrics are computed with (`GET /settings`): the configuration in effect, for readers and auditors. */
export const ProjectionSettings = z.object({
  baseCurrency: z.string().meta({ description: 'Money amounts are in this currency (BASE_CURRENCY)' }),
  grossMargin: z.number(),
  stallDays: z.number().int(),
  costRatioCeiling: z.number(),
  scoreWeights: z.record(z.string(), z.number()).meta({ description: 'Weight of each sub-score of sales_management_score' }),
});
export type ProjectionSettings = Readonly<z.infer<typeof ProjectionSettings>>;
