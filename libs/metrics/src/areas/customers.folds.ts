import type { CustomerAttribution, EventOf, QuotientEvent } from '@quotient/contracts';
import type { Entry } from '../entries';
import { sums } from '../entries';
import type { FoldContext, FoldMeta, MetricFold } from '../definition';
import { ORG, region, rep, segment, team } from '../scopes';
import { COUNTERS as C } from './counters';
import { CustomerData, customerEntries, customerKey, CustomerRiskData, customerRiskKey, riskEntries } from './customer.entity';
import { refreshCustomerWins } from './customer-wins.entity';
import { hoursBetween } from '../periods';
import { insertByTime, orgTeam, round6, span } from './support';

type CustomerEvent = EventOf<
  | 'customers.CustomerRegistered'
  | 'customers.SurveyRecorded'
  | 'customers.ComplaintOpened'
  | 'customers.ComplaintResolved'
  | 'customers.CustomerChurned'
  | 'customers.CustomerReactivated'
>;

const attributionOf = ({ customerId, ownerRepId, teamId, segment, region, channel }: CustomerAttribution): CustomerAttribution => ({
  customerId,
  ownerRepId,
  teamId,
  segment,
  region,
  channel,
});

const sameAttribution = (x: CustomerAttribution, y: CustomerAttribution): boolean =>
  x.ownerRepId === y.ownerRepId && x.teamId === y.teamId && x.segment === y.segment && x.region === y.region && x.channel === y.channel;

const isBadSurvey = (kind: 'csat' | 'nps', score: number) => (kind === 'csat' ? score <= 2 : score <= 6);

/** Lifecycle changes; duplicates (a second registration, churn of a churned customer…) change nothing. */
const evolveLifecycle = (data: CustomerData, event: CustomerEvent, at: string): CustomerData => {
  const last = data.active[data.active.length - 1];
  switch (event.type) {
    case 'customers.CustomerRegistered':
      return data.registeredAt !== null ? data : { ...data, registeredAt: at, active: [[at, null]] };
    case 'customers.CustomerChurned':
      return last && last[1] === null ? { ...data, active: [...data.active.slice(0, -1), [last[0], at]] } : data;
    case 'customers.CustomerReactivated':
      return last && last[1] !== null ? { ...data, active: [...data.active, [at, null]] } : data;
    default:
      return data;
  }
};

/** Surveys (every one, by business time) and high-severity complaints: the risk side. */
const evolveRisk = (data: CustomerRiskData, event: CustomerEvent, at: string): CustomerRiskData => {
  switch (event.type) {
    case 'customers.SurveyRecorded': {
      const bad = isBadSurvey(event.data.kind, event.data.score);
      if (data.surveys.some(([t, b]) => t === at && b === bad)) return data;
      return { ...data, surveys: insertByTime(data.surveys, [at, bad] as const, (s) => s[0]) };
    }
    case 'customers.ComplaintOpened':
    case 'customers.ComplaintResolved': {
      if (event.data.severity !== 'high') return data;
      const id = event.data.complaintId;
      const known = data.highComplaints.find(([c]) => c === id);
      const others = data.highComplaints.filter(([c]) => c !== id);
      if (event.type === 'customers.ComplaintOpened') return known ? data : { ...data, highComplaints: [...others, [id, at, null]] };
      if (known?.[2]) return data;
      return { ...data, highComplaints: [...others, [id, known?.[1] ?? event.data.openedAt, at]] };
    }
    default:
      return data;
  }
};

/** Surveys are immutable facts, attributed to the owner rep and team at the time of the survey. */
const surveyFacts = (event: EventOf<'customers.SurveyRecorded'>, at: string): Entry[] => {
  const { kind, score, teamId, ownerRepId } = event.data;
  const scopes = [ORG, team(teamId), rep(ownerRepId), segment(event.data.segment), region(event.data.region)];
  if (kind === 'csat') return [...sums(C.csatResponses, scopes, at, 1), ...(score >= 4 ? sums(C.csatSatisfied, scopes, at, 1) : [])];
  const verdict = score >= 9 ? sums(C.npsPromoters, scopes, at, 1) : score <= 6 ? sums(C.npsDetractors, scopes, at, 1) : [];
  return [...sums(C.npsResponses, scopes, at, 1), ...verdict];
};

interface ComplaintData {
  readonly openedAt: string;
  /** Team at the opening (the open level) and at the resolution (resolution time). */
  readonly openTeam: string;
  readonly resolvedAt: string | null;
  readonly resolveTeam: string | null;
}

/** Open from opening to resolution (org, team); resolution hours count in the period it was resolved. */
const complaintEntries = (c: ComplaintData): Entry[] => {
  const entries = span(C.openComplaints, orgTeam(c.openTeam), c.openedAt, c.resolvedAt);
  if (c.resolvedAt === null || c.resolveTeam === null) return entries;
  const scopes = orgTeam(c.resolveTeam);
  entries.push(...sums(C.complaintsResolved, scopes, c.resolvedAt, 1));
  entries.push(...sums(C.complaintResolutionHours, scopes, c.resolvedAt, round6(Math.max(0, hoursBetween(c.openedAt, c.resolvedAt)))));
  return entries;
};

const updateComplaint = (ctx: FoldContext, event: EventOf<'customers.ComplaintOpened' | 'customers.ComplaintResolved'>, at: string): void => {
  const key = `complaint:${event.data.customerId}/${event.data.complaintId}`;
  const current = ctx.entity<ComplaintData>(key)?.data;
  let next: ComplaintData;
  if (event.type === 'customers.ComplaintOpened') {
    if (current) return;
    next = { openedAt: at, openTeam: event.data.teamId, resolvedAt: null, resolveTeam: null };
  } else {
    if (current?.resolvedAt) return;
    next = { openedAt: event.data.openedAt, openTeam: current?.openTeam ?? event.data.teamId, resolvedAt: at, resolveTeam: event.data.teamId };
  }
  ctx.setEntity(key, next, () => complaintEntries(next));
};

/** Customers: lifecycle and risk entities, survey facts, one entity per complaint. */
export const customersFold: MetricFold = {
  name: 'customers',
  handles: [
    'customers.CustomerRegistered',
    'customers.SurveyRecorded',
    'customers.ComplaintOpened',
    'customers.ComplaintResolved',
    'customers.CustomerChurned',
    'customers.CustomerReactivated',
  ],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const e = event as CustomerEvent;
    const at = meta.occurredAt;
    if (e.type === 'customers.SurveyRecorded') ctx.addFacts(surveyFacts(e, at));
    if (e.type === 'customers.ComplaintOpened' || e.type === 'customers.ComplaintResolved') updateComplaint(ctx, e, at);
    const id = e.data.customerId;
    const attribution = attributionOf(e.data);
    const stored = ctx.entity<CustomerData>(customerKey(id))?.data;
    const current = !stored
      ? { attribution, registeredAt: null, active: [] }
      : sameAttribution(stored.attribution, attribution)
        ? stored
        : { ...stored, attribution };
    const customer = evolveLifecycle(current, e, at);
    const storedRisk = ctx.entity<CustomerRiskData>(customerRiskKey(id))?.data;
    const risk = evolveRisk(storedRisk ?? { surveys: [], highComplaints: [] }, e, at);
    if (customer !== stored) {
      ctx.setEntity(customerKey(id), customer, () => customerEntries(customer));
      refreshCustomerWins(ctx, id);
    }
    if (customer !== stored || risk !== storedRisk) ctx.setEntity(customerRiskKey(id), risk, () => riskEntries(customer, risk));
  },
};
