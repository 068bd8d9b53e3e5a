import type { MetricDefinition } from '../definition';
import { ratio } from '../definition';
import { COUNTERS as C } from './counters';
import { perAverageHeadcount } from './formulas';

export const trainingMetrics: MetricDefinition[] = [
  {
    id: 'training_completion_rate',
    zh: '培训完成率',
    en: 'Training completion rate',
    area: 'training',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team'],
    // A cohort ratio: of the enrolments made in the period (team at enrolment), how many are completed by now.
    formula: 'completions ÷ enrolments, enrolments made in period',
    compute: (ctx) => {
      const completed = ctx.sum(C.enrolmentsCompleted);
      const enrolments = ctx.sum(C.enrolments);
      return ratio(completed, enrolments, { completed, enrolments });
    },
  },
  {
    id: 'training_hours_per_rep',
    levels: [C.headcount],
    zh: '人均培训时长',
    en: 'Training hours per rep',
    area: 'training',
    unit: 'per_rep',
    direction: 'higher',
    scopes: ['org', 'team'],
    // Hours of programs completed in the period, by the team at completion.
    formula: 'Σ hours of completed programs ÷ average headcount',
    compute: (ctx) => perAverageHeadcount(ctx, C.trainingHours, 'trainingHours'),
  },
  {
    id: 'certified_rep_share',
    levels: [C.certifiedReps, C.headcount],
    zh: '持证销售占比',
    en: 'Certified rep share',
    area: 'training',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team'],
    formula: 'active reps holding ≥ 1 certification ÷ active reps, at period end',
    compute: (ctx) => {
      const certifiedReps = ctx.levelOn(C.certifiedReps);
      const activeReps = ctx.levelOn(C.headcount);
      return ratio(certifiedReps, activeReps, { certifiedReps, activeReps, asOfDay: ctx.asOfDay });
    },
  },
  {
    id: 'rep_turnover_rate',
    levels: [C.headcount],
    zh: '销售人员流失率',
    en: 'Rep turnover rate',
    area: 'training',
    unit: 'ratio',
    direction: 'lower',
    scopes: ['org', 'team'],
    formula: 'reps who left in period ÷ average headcount',
    compute: (ctx) => perAverageHeadcount(ctx, C.repsLeft, 'repsLeft'),
  },
  {
    id: 'ramp_days',
    zh: '新人成长周期',
    en: 'Ramp-up days',
    area: 'training',
    unit: 'days',
    direction: 'lower',
    scopes: ['org', 'team'],
    // Team at the first win; reps whose first win precedes their hire are left out.
    formula: 'mean days from hire to first won deal, reps whose first win is in period',
    compute: (ctx) => {
      const totalDays = ctx.sum(C.rampDays);
      const reps = ctx.sum(C.rampReps);
      return ratio(totalDays, reps, { totalDays, reps });
    },
  },
];
