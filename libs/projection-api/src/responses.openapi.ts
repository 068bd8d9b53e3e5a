import { CatalogueEntry, DealStage, MetricChanged, MetricUnit, MetricView, ProjectionSettings } from '@quotient/contracts';
import { z } from 'zod';

/**
 * What the projection's routes answer, for its OpenAPI document: the read API's own schemas from
 * @quotient/contracts (which the controllers' answers are typed by) and the shapes only this
 * document describes. The OpenAPI e2e test checks live answers against the document.
 */

const Inputs = z.record(z.string(), z.unknown()).meta({ description: 'What the formula read (with `reason` when the value is null)' });
const AsOf = z.string().nullable().meta({ description: 'The `asOf` asked for: the answer is as known then (null: live)' });

export const MetricViewResponse = MetricView.meta({ id: 'MetricView', description: "One metric's value for a scope and period" });

export const MetricViewsResponse = z.array(MetricViewResponse);

export const OneMetricResponse = z.intersection(MetricViewResponse, z.object({ asOf: AsOf }));

const MetricChangedSchema = MetricChanged.meta({ id: 'MetricChanged', description: '`quotient.metrics.changed.v1`: a metric value that actually changed, and the event that changed it' });

export const MetricHistoryResponse = z.object({
  metric: z.string(),
  scope: z.string(),
  period: z.string(),
  unit: MetricUnit,
  changes: z
    .array(z.intersection(MetricChangedSchema, z.object({ seq: z.number().int().meta({ description: 'Sequence number of the change in the value history (the SSE event id)' }) })))
    .meta({ description: 'Newest first, at most `limit`' }),
});

export const MetricChangesStream = z.string().meta({
  description:
    'Server-Sent Events: one per value change, `id` = its value-history seq (send it back as `Last-Event-ID` to resume), `event: MetricChanged`, `data` = the MetricChanged as JSON (schema MetricChanged). Comment lines keep the connection alive.',
  example: 'id: 42\nevent: MetricChanged\ndata: {"metric":"win_rate","scope":"org","period":"2026-Q2","value":0.5,"previousValue":0.4,"unit":"ratio","inputs":{},"causedBy":{"eventId":"…","streamId":"deals.deal-d1","revision":1},"position":7,"occurredAt":"2026-04-20T10:00:00.000Z"}\n\n',
});

export const CatalogueResponse = z.array(
  CatalogueEntry.extend({
    peerDependent: z.boolean().optional().meta({ description: 'The value of one scope depends on other scopes (shares, percentiles)' }),
    levels: z.array(z.string()).optional().meta({ description: 'The level counters the formula reads: the value can move with the clock' }),
  }).meta({ id: 'CatalogueEntry' }),
);

export const SettingsResponse = ProjectionSettings;

export const ScorecardsResponse = z.object({
  period: z.string(),
  level: z.enum(['team', 'rep']),
  asOf: AsOf,
  metric: z.literal('sales_management_score'),
  weights: z.record(z.string(), z.number()),
  scorecards: z
    .array(z.object({ rank: z.number().int().nullable().meta({ description: 'Ties share a rank; no score, no rank' }), scope: z.string(), score: z.number().nullable(), inputs: Inputs }))
    .meta({ description: 'Best first' }),
});

const Tally = z.object({ deals: z.number().int(), amount: z.number() });

export const PipelineResponse = z.object({
  scope: z.string(),
  period: z.string(),
  stages: z
    .array(z.object({ stage: DealStage, open: Tally, lost: Tally }))
    .meta({ description: 'Per stage: deals open at it (expected to close in the period) and deals lost from it (in the period)' }),
  won: Tally.meta({ description: 'Deals won in the period' }),
  asOf: AsOf,
});

export const TeamsResponse = z.object({
  period: z.string(),
  asOf: AsOf,
  teams: z.array(z.object({ team: z.string(), reps: z.array(z.string()) })),
});

export const ProjectionStatusResponse = z
  .looseObject({
    version: z.number().int().meta({ description: 'The read-model version serving' }),
    clock: z.string().nullable(),
    sources: z.array(
      z.object({ source: z.string(), position: z.number().int(), appliedPosition: z.number().int(), lastPosition: z.number().int(), lag: z.number().int(), caughtUp: z.boolean() }),
    ),
    lag: z.number().int(),
    eventsPerSecond: z.number(),
    timings: z.record(z.string(), z.number()),
    waitingOnGaps: z.number().int(),
    recentDeadLetters: z.array(z.looseObject({ source: z.string(), eventId: z.string(), type: z.string(), reason: z.string() })),
    rebuild: z.looseObject({ state: z.enum(['idle', 'running']) }),
    lastError: z.string().nullable(),
    startedAt: z.string(),
  })
  .meta({ description: 'The projection at work, with its counters (`eventsApplied`, `duplicatesSkipped`, `deadLettered`, `changesRecorded`, …) beside these' });

export const ProjectionHealthResponse = z.object({
  status: z.literal('ok'),
  service: z.literal('projection'),
  version: z.string().meta({ description: 'The service version, as every service says it' }),
  uptimeSeconds: z.number().int(),
  readModelVersion: z.number().int().meta({ description: 'The read-model version serving (a rebuild makes the next)' }),
  lag: z.number().int(),
});

export const RebuildResponse = z.object({
  version: z.number().int().meta({ description: 'The version being built' }),
  started: z.literal(true),
  message: z.string(),
});
