import type { RouteDoc } from '@quotient/http';
import { ChangesQuery, HistoryQuery, MetricsQuery, OneMetricQuery, PipelineQuery, ScorecardQuery, TeamsQuery } from './queries';

const tag = 'projection';

export const projectionRoutes: RouteDoc[] = [
  { method: 'get', path: '/metrics', summary: 'Metric values for a period (default: current quarter), optionally one scope/metric, optionally as known at asOf', tag, query: MetricsQuery },
  { method: 'get', path: '/metrics/changes', summary: 'Server-Sent Events of MetricChanged (Last-Event-ID resumes)', tag, query: ChangesQuery },
  { method: 'get', path: '/metrics/{metric}', summary: 'One metric value (scope default org), with delta to the previous period', tag, query: OneMetricQuery },
  { method: 'get', path: '/metrics/{metric}/history', summary: 'Every change of one value, with the event that caused it', tag, query: HistoryQuery },
  { method: 'get', path: '/scorecards', summary: 'Composite sales management score, ranked, per team or rep', tag, query: ScorecardQuery },
  { method: 'get', path: '/pipeline', summary: 'Deals by stage for a scope and period (open by expected close, won/lost by close day): the funnel', tag, query: PipelineQuery },
  { method: 'get', path: '/teams', summary: 'Teams of a period with the reps who worked in each (drill-down)', tag, query: TeamsQuery },
  { method: 'get', path: '/projection/status', summary: 'Position and lag per source, events/s, duplicates, dead letters, rebuild state', tag },
  { method: 'post', path: '/projection/rebuild', summary: 'Rebuild into a new version; switch when caught up', tag, status: 202 },
  { method: 'get', path: '/catalogue', summary: 'The metric catalogue: ids, 中文/English names, units, directions, scopes, formulas', tag },
  { method: 'get', path: '/settings', summary: 'What the metrics are computed with: base currency, gross margin, stall days, cost-ratio ceiling, score weights', tag },
  { method: 'get', path: '/health', summary: 'Health', tag },
];
