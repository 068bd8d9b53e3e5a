import type { CustomerAttribution } from '@quotient/contracts';
import type { Entry } from '../entries';
import { sums } from '../entries';
import { ORG, scopesOf, segment, team } from '../scopes';
import { COUNTERS as C } from './counters';
import { span } from './support';

type Interval = readonly [string, string | null];

/** One customer's lifecycle: enough to recompute new/active/churned from scratch. */
export interface CustomerData {
  /** The attribution of the latest event seen (events carry it as it was then). */
  readonly attribution: CustomerAttribution;
  readonly registeredAt: string | null;
  /** Active intervals [from, to | null): registration or reactivation until churn. */
  readonly active: readonly Interval[];
}

/**
 * What makes a customer at risk besides being active. Kept in its own entity so that a survey or
 * a complaint recomputes only the at-risk level, not the whole lifecycle.
 */
export interface CustomerRiskData {
  /** Every survey, by business time: [at, bad] where bad = csat ≤ 2 or nps ≤ 6. */
  readonly surveys: readonly (readonly [string, boolean])[];
  /** High-severity complaints: [complaintId, openedAt, resolvedAt | null]. */
  readonly highComplaints: readonly (readonly [string, string, string | null])[];
}

export const customerKey = (customerId: string) => `customer:${customerId}`;
export const customerRiskKey = (customerId: string) => `customer-risk:${customerId}`;

export const lifecycleScopes = (a: CustomerAttribution): string[] => [ORG, team(a.teamId), segment(a.segment)];

/** Registration counts once in every named dimension; each active interval is a level (org, team, segment) and each churn a count. */
export const customerEntries = (data: CustomerData): Entry[] => {
  const a = data.attribution;
  if (data.registeredAt === null) return [];
  const entries = sums(C.newCustomers, scopesOf({ teamId: a.teamId, repId: a.ownerRepId, region: a.region, channel: a.channel, segment: a.segment }), data.registeredAt, 1);
  const lifecycle = lifecycleScopes(a);
  for (const [from, to] of data.active) {
    entries.push(...span(C.activeCustomers, lifecycle, from, to));
    if (to !== null) entries.push(...sums(C.churnedCustomers, lifecycle, to, 1));
  }
  return entries;
};

/** The at-risk level (org, and the customer's current team), swept from the timeline. */
export const riskEntries = (customer: CustomerData | undefined, risk: CustomerRiskData): Entry[] => {
  if (!customer || customer.registeredAt === null) return [];
  const scopes = [ORG, team(customer.attribution.teamId)];
  return riskIntervals(customer.active, risk).flatMap(([from, to]) => span(C.atRiskCustomers, scopes, from, to));
};

/** A change on the timeline: the active level, the open high complaints, or a survey's verdict. */
type Change = readonly [time: number, iso: string, kind: 'active' | 'high' | 'survey', value: number];

/**
 * When the customer was at risk: active, and either the latest survey so far was bad or a
 * high-severity complaint was open. Changes at the same instant are applied together.
 */
export const riskIntervals = (activeIntervals: readonly Interval[], data: CustomerRiskData): Interval[] => {
  const changes: Change[] = [];
  const add = (iso: string, kind: Change[2], value: number) => changes.push([Date.parse(iso), iso, kind, value]);
  for (const [from, to] of activeIntervals) {
    add(from, 'active', 1);
    if (to !== null) add(to, 'active', -1);
  }
  for (const [, openedAt, resolvedAt] of data.highComplaints) {
    add(openedAt, 'high', 1);
    if (resolvedAt !== null) add(resolvedAt, 'high', -1);
  }
  for (const [at, bad] of data.surveys) add(at, 'survey', bad ? 1 : 0);
  changes.sort((x, y) => x[0] - y[0]);
  const intervals: [string, string | null][] = [];
  let active = 0;
  let high = 0;
  let badSurvey = false;
  let since: string | null = null;
  for (let i = 0; i < changes.length; i++) {
    const [time, iso, kind, value] = changes[i];
    if (kind === 'active') active += value;
    else if (kind === 'high') high += value;
    else badSurvey = value === 1;
    if (i + 1 < changes.length && changes[i + 1][0] === time) continue;
    const atRisk = active > 0 && (badSurvey || high > 0);
    if (atRisk && since === null) since = iso;
    if (!atRisk && since !== null) {
      intervals.push([since, iso]);
      since = null;
    }
  }
  if (since !== null) intervals.push([since, null]);
  return intervals;
};
