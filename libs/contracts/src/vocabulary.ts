import { z } from 'zod';

/** Shared vocabulary of the published language. */
export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
export const DealStage = z.enum(DEAL_STAGES);
export type DealStage = z.infer<typeof DealStage>;

/** Default win probability by stage (METRICS.md §7). */
export const DEFAULT_STAGE_PROBABILITY: Record<DealStage, number> = {
  prospecting: 0.1,
  qualification: 0.2,
  proposal: 0.5,
  negotiation: 0.8,
};

export const ActivityKind = z.enum(['call', 'meeting', 'email', 'visit', 'demo']);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const TargetMeasure = z.enum(['revenue', 'wonDeals', 'newCustomers']);
export type TargetMeasure = z.infer<typeof TargetMeasure>;

export const ForecastCategory = z.enum(['commit', 'bestCase']);
export type ForecastCategory = z.infer<typeof ForecastCategory>;

export const ExpenseCategory = z.enum(['travel', 'entertainment', 'marketing', 'commission', 'tooling', 'training', 'other']);
export type ExpenseCategory = z.infer<typeof ExpenseCategory>;

export const ComplaintSeverity = z.enum(['low', 'medium', 'high']);
export type ComplaintSeverity = z.infer<typeof ComplaintSeverity>;

export const SurveyKind = z.enum(['csat', 'nps']);
export type SurveyKind = z.infer<typeof SurveyKind>;

/** An identifier chosen by a client or by another system: short, printable, no separators we use. */
export const Identifier = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.\-]+$/, 'use letters, digits, "_", "." or "-" only');

export const SCOPE_KINDS = ['org', 'team', 'rep', 'region', 'channel', 'segment'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** `org`, `team:<id>`, `rep:<id>`, `region:<id>`, `channel:<id>`, `segment:<id>`. */
export const Scope = z
  .string()
  .regex(/^(org|(team|rep|region|channel|segment):[A-Za-z0-9_.\-]{1,100})$/, 'expected org, team:<id>, rep:<id>, region:<id>, channel:<id> or segment:<id>');
export type Scope = z.infer<typeof Scope>;

/** `2026-11` (month), `2026-Q4` (quarter), `2026` (year). */
export const Period = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'expected a month (2026-11), a quarter (2026-Q4) or a year (2026)');
export type Period = z.infer<typeof Period>;

/** An amount in the base currency: a decimal number above 0. */
export const Money = z
  .number({ error: 'expected an amount (a number)' })
  .finite()
  .positive('expected an amount greater than 0')
  .max(1e13, 'expected an amount of at most 10,000,000,000,000');
export const IsoDate = z.iso.date({ error: 'expected a date such as 2026-06-30' });
export const IsoDateTime = z.iso.datetime({ offset: true, error: 'expected an ISO-8601 date-time with a zone, such as 2026-06-30T23:59:59Z or 2026-06-30T23:59:59+08:00' });
