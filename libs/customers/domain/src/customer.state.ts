import type { ComplaintSeverity, CustomerAttribution, SurveyKind } from '@quotient/contracts';
import { StoredDomainEvent, unreachable } from '@quotient/kernel';
import type { CustomerEvent } from './customer.events';

export interface Complaint {
  readonly complaintId: string;
  readonly severity: ComplaintSeverity;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
}

export interface LatestSurvey {
  readonly kind: SurveyKind;
  readonly score: number;
  readonly recordedAt: string;
}

export type Customer =
  | { readonly status: 'none' }
  | {
      readonly status: 'active' | 'churned';
      readonly attribution: CustomerAttribution;
      readonly name: string;
      readonly registeredAt: string;
      /** Business time of the latest registration, churn or reactivation. */
      readonly statusSince: string;
      readonly churnReason: string | null;
      /** By complaint id; a Map, so an id such as `constructor` is just another key. */
      readonly complaints: ReadonlyMap<string, Complaint>;
      readonly latestSurvey: LatestSurvey | null;
    };

export type ExistingCustomer = Exclude<Customer, { status: 'none' }>;

export const initialCustomer = (): Customer => ({ status: 'none' });

/** The facts a registration stated: a repeated registration with the same facts changes nothing. */
export const registrationOf = (customer: ExistingCustomer) => ({ ...customer.attribution, name: customer.name });

const withComplaint = (customer: ExistingCustomer, complaint: Complaint): ExistingCustomer => ({
  ...customer,
  complaints: new Map(customer.complaints).set(complaint.complaintId, complaint),
});

/** The latest survey by business time: an imported older survey does not displace a newer one. */
const laterSurvey = (current: LatestSurvey | null, next: LatestSurvey): LatestSurvey =>
  current !== null && Date.parse(current.recordedAt) > Date.parse(next.recordedAt) ? current : next;

const evolveExisting = (customer: ExistingCustomer, event: StoredDomainEvent<CustomerEvent>): ExistingCustomer => {
  switch (event.type) {
    case 'customers.CustomerRegistered':
      return customer;
    case 'customers.SurveyRecorded':
      return { ...customer, latestSurvey: laterSurvey(customer.latestSurvey, { kind: event.data.kind, score: event.data.score, recordedAt: event.occurredAt }) };
    case 'customers.ComplaintOpened':
      return withComplaint(customer, { complaintId: event.data.complaintId, severity: event.data.severity, openedAt: event.occurredAt, resolvedAt: null });
    case 'customers.ComplaintResolved':
      return withComplaint(customer, { complaintId: event.data.complaintId, severity: event.data.severity, openedAt: event.data.openedAt, resolvedAt: event.occurredAt });
    case 'customers.CustomerChurned':
      return { ...customer, status: 'churned', statusSince: event.occurredAt, churnReason: event.data.reason };
    case 'customers.CustomerReactivated':
      return { ...customer, status: 'active', statusSince: event.occurredAt, churnReason: null };
    default:
      return unreachable(event);
  }
};

export const evolveCustomer = (customer: Customer, event: StoredDomainEvent<CustomerEvent>): Customer => {
  if (customer.status !== 'none') return evolveExisting(customer, event);
  if (event.type !== 'customers.CustomerRegistered') return customer;
  const { name, ...attribution } = event.data;
  return {
    status: 'active',
    attribution,
    name,
    registeredAt: event.occurredAt,
    statusSince: event.occurredAt,
    churnReason: null,
    complaints: new Map(),
    latestSurvey: null,
  };
};
