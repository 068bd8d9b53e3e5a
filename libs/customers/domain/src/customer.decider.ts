import { AggregateNotFound, AlreadyExists, Decider, ensureNotBeforeCreation, sameFacts, unreachable } from '@quotient/kernel';
import type { ChurnCustomer, CustomerCommand, OpenComplaint, ReactivateCustomer, RecordSurvey, RegisterCustomer, ResolveComplaint } from './customer.commands';
import { ComplaintAlreadyResolved, CustomerAlreadyChurned, CustomerIsChurned, CustomerNotChurned, ResolvedBeforeOpened, StatusChangeOutOfOrder } from './customer.errors';
import type { CustomerEvent } from './customer.events';
import { Customer, evolveCustomer, ExistingCustomer, initialCustomer, registrationOf } from './customer.state';

const isBefore = (occurredAt: string, reference: string): boolean => Date.parse(occurredAt) < Date.parse(reference);

const existing = (customer: Customer, customerId: string, occurredAt: string): ExistingCustomer => {
  if (customer.status === 'none') throw new AggregateNotFound('customer', customerId);
  ensureNotBeforeCreation('customer', customerId, customer.registeredAt, occurredAt);
  return customer;
};

const ensureActive = (customer: ExistingCustomer): ExistingCustomer => {
  if (customer.status === 'churned') throw new CustomerIsChurned(customer.attribution.customerId, customer.statusSince);
  return customer;
};

const ensureStatusChangeInOrder = (customer: ExistingCustomer, occurredAt: string): void => {
  if (isBefore(occurredAt, customer.statusSince)) throw new StatusChangeOutOfOrder(customer.attribution.customerId, customer.statusSince, occurredAt);
};

const register = ({ data }: RegisterCustomer, customer: Customer): CustomerEvent[] => {
  if (customer.status !== 'none') {
    if (sameFacts(registrationOf(customer), data)) return [];
    throw new AlreadyExists('customer', data.customerId);
  }
  return [{ type: 'customers.CustomerRegistered', data }];
};

const recordSurvey = ({ data, metadata }: RecordSurvey, customer: Customer): CustomerEvent[] => {
  const current = ensureActive(existing(customer, data.customerId, metadata.occurredAt));
  return [{ type: 'customers.SurveyRecorded', data: { ...current.attribution, kind: data.kind, score: data.score } }];
};

/** Re-opening a known complaint id is a retry when the severity matches, a conflict otherwise. */
const openComplaint = ({ data, metadata }: OpenComplaint, customer: Customer): CustomerEvent[] => {
  const current = existing(customer, data.customerId, metadata.occurredAt);
  const known = current.complaints.get(data.complaintId);
  if (known) {
    if (known.severity === data.severity) return [];
    throw new AlreadyExists('complaint', data.complaintId);
  }
  ensureActive(current);
  return [{ type: 'customers.ComplaintOpened', data: { ...current.attribution, complaintId: data.complaintId, severity: data.severity } }];
};

/** A churned customer's open complaints can still be resolved: they must not stay open forever. */
const resolveComplaint = ({ data, metadata }: ResolveComplaint, customer: Customer): CustomerEvent[] => {
  const current = existing(customer, data.customerId, metadata.occurredAt);
  const complaint = current.complaints.get(data.complaintId);
  if (!complaint) throw new AggregateNotFound('complaint', data.complaintId);
  if (complaint.resolvedAt !== null) throw new ComplaintAlreadyResolved(data.customerId, data.complaintId, complaint.resolvedAt);
  if (isBefore(metadata.occurredAt, complaint.openedAt)) throw new ResolvedBeforeOpened(data.complaintId, complaint.openedAt, metadata.occurredAt);
  return [
    {
      type: 'customers.ComplaintResolved',
      data: { ...current.attribution, complaintId: complaint.complaintId, severity: complaint.severity, openedAt: complaint.openedAt },
    },
  ];
};

const churn = ({ data, metadata }: ChurnCustomer, customer: Customer): CustomerEvent[] => {
  const current = existing(customer, data.customerId, metadata.occurredAt);
  if (current.status === 'churned') throw new CustomerAlreadyChurned(data.customerId, current.statusSince);
  ensureStatusChangeInOrder(current, metadata.occurredAt);
  return [{ type: 'customers.CustomerChurned', data: { ...current.attribution, reason: data.reason } }];
};

const reactivate = ({ data, metadata }: ReactivateCustomer, customer: Customer): CustomerEvent[] => {
  const current = existing(customer, data.customerId, metadata.occurredAt);
  if (current.status !== 'churned') throw new CustomerNotChurned(data.customerId);
  ensureStatusChangeInOrder(current, metadata.occurredAt);
  return [{ type: 'customers.CustomerReactivated', data: { ...current.attribution } }];
};

export const decideCustomer = (command: CustomerCommand, customer: Customer): CustomerEvent[] => {
  switch (command.type) {
    case 'RegisterCustomer':
      return register(command, customer);
    case 'RecordSurvey':
      return recordSurvey(command, customer);
    case 'OpenComplaint':
      return openComplaint(command, customer);
    case 'ResolveComplaint':
      return resolveComplaint(command, customer);
    case 'ChurnCustomer':
      return churn(command, customer);
    case 'ReactivateCustomer':
      return reactivate(command, customer);
    default:
      return unreachable(command);
  }
};

export const customerDecider: Decider<CustomerCommand, Customer, CustomerEvent> = {
  decide: decideCustomer,
  evolve: evolveCustomer,
  initialState: initialCustomer,
};
