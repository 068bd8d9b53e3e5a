import type { RouteDoc } from '@quotient/http';
import { z } from 'zod';
import { ChangesQuery, HistoryQuery, MetricsQuery, OneMetricQuery, PipelineQuery, ScorecardQuery, TeamsQuery } from './queries';
import {
  CatalogueResponse,
  MetricChangesStream,
  MetricHistoryResponse,
  MetricViewsResponse,
  OneMetricResponse,
  PipelineResponse,
  ProjectionHealthResponse,
  ProjectionStatusResponse,
  RebuildResponse,
  ScorecardsResponse,
  SettingsResponse,
  TeamsResponse,
} from './responses.openapi';

const tag = 'projection';

const UNKNOWN_METRIC = 'No metric of that id in the catalogue';
/** An `asOf` answer is a replay of the logs, which can fail (a log unreachable): live values are not affected. */
const AS_OF_FAILED = 'The `asOf` replay failed: the request may be repeated';

const RESUME = 'Resume after this value-history seq (an SSE event `id`): the changes since are replayed first, from the durable history';

/** The controller reads `lastEventId` before it checks the filters, and `Last-Event-ID` wins over it. */
const ChangesStreamQuery = ChangesQuery.extend({ lastEventId: z.number().int().optional().meta({ description: `${RESUME}; \`Last-Event-ID\` wins` }) });

export const projectionRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/metrics',
    summary: 'Metric values for a period (default: current quarter), optionally one scope/metric, optionally as known at asOf',
    tag,
    query: MetricsQuery,
    response: MetricViewsResponse,
    problems: { 404: UNKNOWN_METRIC, 503: AS_OF_FAILED },
  },
  {
    method: 'get',
    path: '/metrics/changes',
    summary: 'Server-Sent Events of MetricChanged (Last-Event-ID resumes)',
    tag,
    query: ChangesStreamQuery,
    headers: z.object({ 'Last-Event-ID': z.string().optional().meta({ description: RESUME }) }),
    response: MetricChangesStream,
    mediaType: 'text/event-stream',
    problems: { 404: UNKNOWN_METRIC },
  },
  {
    method: 'get',
    path: '/metrics/{metric}',
    summary: 'One metric value (scope default org), with delta to the previous period',
    tag,
    query: OneMetricQuery,
    response: OneMetricResponse,
    problems: { 404: UNKNOWN_METRIC, 503: AS_OF_FAILED },
  },
  {
    method: 'get',
    path: '/metrics/{metric}/history',
    summary: 'Every change of one value, with the event that caused it',
    tag,
    query: HistoryQuery,
    response: MetricHistoryResponse,
    problems: { 404: UNKNOWN_METRIC },
  },
  {
    method: 'get',
    path: '/scorecards',
    summary: 'Composite sales management score, ranked, per team or rep',
    tag,
    query: ScorecardQuery,
    response: ScorecardsResponse,
    problems: { 503: AS_OF_FAILED },
  },
  {
    method: 'get',
    path: '/pipeline',
    summary: 'Deals by stage for a scope and period (open by expected close, won/lost by close day): the funnel',
    tag,
    query: PipelineQuery,
    response: PipelineResponse,
    problems: { 503: AS_OF_FAILED },
  },
  {
    method: 'get',
    path: '/teams',
    summary: 'Teams of a period with the reps who worked in each (drill-down)',
    tag,
    query: TeamsQuery,
    response: TeamsResponse,
    problems: { 503: AS_OF_FAILED },
  },
  {
    method: 'get',
    path: '/projection/status',
    summary: 'Position and lag per source, events/s, duplicates, dead letters, rebuild state',
    tag,
    response: ProjectionStatusResponse,
  },
  {
    method: 'post',
    path: '/projection/rebuild',
    summary: 'Rebuild into a new version; switch when caught up',
    tag,
    status: 202,
    response: RebuildResponse,
    problems: { 409: 'A rebuild is already running (`rebuild-running`): GET /projection/status follows it' },
  },
  {
    method: 'get',
    path: '/catalogue',
    summary: 'The metric catalogue: ids, 中文/English names, units, directions, scopes, formulas',
    tag,
    response: CatalogueResponse,
  },
  {
    method: 'get',
    path: '/settings',
    summary: 'What the metrics are computed with: base currency, gross margin, stall days, cost-ratio ceiling, score weights',
    tag,
    response: SettingsResponse,
  },
  { method: 'get', path: '/health', summary: 'Health', tag, response: ProjectionHealthResponse },
];
