import type { MetricDefinition } from '../definition';
import { nullBecause, ratio, valueOf } from '../definition';
import { COUNTERS as C } from './counters';

export const satisfactionMetrics: MetricDefinition[] = [
  {
    id: 'csat',
    zh: '客户满意度 (CSAT)',
    en: 'Customer satisfaction (CSAT)',
    area: 'satisfaction',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep', 'segment', 'region'],
    formula: 'csat surveys scoring 4 or 5 ÷ all csat surveys (scale 1–5)',
    compute: (ctx) => {
      const satisfied = ctx.sum(C.csatSatisfied);
      const surveys = ctx.sum(C.csatResponses);
      return ratio(satisfied, surveys, { satisfied, surveys });
    },
  },
  {
    id: 'nps',
    zh: '净推荐值',
    en: 'Net promoter score',
    area: 'satisfaction',
    unit: 'nps',
    direction: 'higher',
    scopes: ['org', 'team', 'rep', 'segment', 'region'],
    formula: '(% of nps scores 9–10) − (% of 0–6), as a number from −100 to 100',
    compute: (ctx) => {
      const promoters = ctx.sum(C.npsPromoters);
      const detractors = ctx.sum(C.npsDetractors);
      const surveys = ctx.sum(C.npsResponses);
      const inputs = { promoters, detractors, surveys };
      return surveys === 0 ? nullBecause('no nps surveys in period', inputs) : valueOf(((promoters - detractors) / surveys) * 100, inputs);
    },
  },
  {
    id: 'complaint_resolution_hours',
    zh: '投诉平均解决时长',
    en: 'Complaint resolution time',
    area: 'satisfaction',
    unit: 'hours',
    direction: 'lower',
    scopes: ['org', 'team'],
    formula: 'mean hours from complaint opened to resolved, for complaints resolved in period',
    compute: (ctx) => {
      const totalHours = ctx.sum(C.complaintResolutionHours);
      const resolved = ctx.sum(C.complaintsResolved);
      return ratio(totalHours, resolved, { totalHours, resolved });
    },
  },
  {
    id: 'open_complaints',
    levels: [C.openComplaints],
    zh: '未解决投诉数',
    en: 'Open complaints',
    area: 'satisfaction',
    unit: 'count',
    direction: 'lower',
    scopes: ['org', 'team'],
    formula: 'complaints open at the end of the period (or now)',
    compute: (ctx) => valueOf(ctx.levelOn(C.openComplaints), { asOfDay: ctx.asOfDay }),
  },
];
