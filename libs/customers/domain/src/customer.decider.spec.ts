import { AggregateNotFound, AlreadyExists, OccurredBeforeCreation } from '@quotient/kernel';
import { deciderSpec, testMetadata } from '@quotient/testing';
import type { CustomerCommand } from './customer.commands';
import { customerDecider } from './customer.decider';
import { ComplaintAlreadyResolved, CustomerAlreadyChurned, CustomerIsChurned, CustomerNotChurned, ResolvedBeforeOpened, StatusChangeOutOfOrder } from './customer.errors';
import type { CustomerEvent } from './customer.events';

const attribution = { customerId: 'c1', ownerRepId: 'r1', teamId: 't1', segment: 'smb', region: 'east', channel: 'direct' };
const registration = { ...attribution, name: 'Acme' };

type Given = CustomerEvent & { occurredAt?: string };
const registered = (occurredAt = '2026-03-01T09:00:00.000Z'): Given => ({ type: 'customers.CustomerRegistered', data: registration, occurredAt });
const churned = (occurredAt = '2026-04-01T00:00:00.000Z'): Given => ({ type: 'customers.CustomerChurned', data: { ...attribution, reason: 'price' }, occurredAt });
const reactivated = (occurredAt = '2026-05-01T00:00:00.000Z'): Given => ({ type: 'customers.CustomerReactivated', data: attribution, occurredAt });
const opened = (complaintId = 'k1', severity: 'low' | 'medium' | 'high' = 'high', occurredAt = '2026-03-05T10:00:00.000Z'): Given => ({
  type: 'customers.ComplaintOpened',
  data: { ...attribution, complaintId, severity },
  occurredAt,
});
const resolved = (complaintId = 'k1', occurredAt = '2026-03-06T10:00:00.000Z'): Given => ({
  type: 'customers.ComplaintResolved',
  data: { ...attribution, complaintId, severity: 'high', openedAt: '2026-03-05T10:00:00.000Z' },
  occurredAt,
});

const cmd = <T extends CustomerCommand['type']>(type: T, data: Omit<Extract<CustomerCommand, { type: T }>['data'], 'customerId'>, occurredAt = '2026-03-10T09:00:00.000Z') =>
  ({ type, data: { customerId: 'c1', ...data }, metadata: testMetadata(occurredAt) }) as CustomerCommand;

const given = deciderSpec(customerDecider);

describe('customer decider', () => {
  describe('RegisterCustomer', () => {
    it('registers a customer with its attribution', () => given().when(cmd('RegisterCustomer', registration)).then([{ type: 'customers.CustomerRegistered', data: registration }]));
    it('is idempotent for the same id and facts', () => given(registered()).when(cmd('RegisterCustomer', registration)).thenNothing());
    it('refuses the same id with other facts', () =>
      given(registered()).when(cmd('RegisterCustomer', { ...registration, teamId: 't2' })).thenThrows(AlreadyExists, 'already-exists'));
  });

  describe('RecordSurvey', () => {
    it('records a csat survey attributed to the owner at that moment', () =>
      given(registered()).when(cmd('RecordSurvey', { kind: 'csat', score: 4 })).then([{ type: 'customers.SurveyRecorded', data: { ...attribution, kind: 'csat', score: 4 } }]));
    it('records every survey, also a repeated one', () =>
      given(registered(), { type: 'customers.SurveyRecorded', data: { ...attribution, kind: 'nps', score: 9 } })
        .when(cmd('RecordSurvey', { kind: 'nps', score: 9 }))
        .then([{ type: 'customers.SurveyRecorded', data: { ...attribution, kind: 'nps', score: 9 } }]));
    it('refuses a churned customer', () => given(registered(), churned()).when(cmd('RecordSurvey', { kind: 'nps', score: 3 }, '2026-04-02T00:00:00.000Z')).thenThrows(CustomerIsChurned, 'customer-churned'));
    it('accepts a reactivated customer', () =>
      given(registered(), churned(), reactivated()).when(cmd('RecordSurvey', { kind: 'csat', score: 5 }, '2026-05-02T00:00:00.000Z')).then([
        { type: 'customers.SurveyRecorded', data: { ...attribution, kind: 'csat', score: 5 } },
      ]));
    it('refuses an unknown customer', () => given().when(cmd('RecordSurvey', { kind: 'csat', score: 4 })).thenThrows(AggregateNotFound));
    it('refuses a business time before registration', () =>
      given(registered()).when(cmd('RecordSurvey', { kind: 'csat', score: 4 }, '2026-02-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation, 'occurred-before-creation'));
  });

  describe('OpenComplaint', () => {
    it('opens a complaint', () =>
      given(registered()).when(cmd('OpenComplaint', { complaintId: 'k1', severity: 'high' })).then([{ type: 'customers.ComplaintOpened', data: { ...attribution, complaintId: 'k1', severity: 'high' } }]));
    it('opens a second complaint with another id', () =>
      given(registered(), opened('k1')).when(cmd('OpenComplaint', { complaintId: 'k2', severity: 'low' })).then([{ type: 'customers.ComplaintOpened', data: { ...attribution, complaintId: 'k2', severity: 'low' } }]));
    it('treats the same id and severity as a retry', () => given(registered(), opened('k1', 'high')).when(cmd('OpenComplaint', { complaintId: 'k1', severity: 'high' })).thenNothing());
    it('treats the same id and severity as a retry after resolution', () =>
      given(registered(), opened('k1', 'high'), resolved('k1')).when(cmd('OpenComplaint', { complaintId: 'k1', severity: 'high' })).thenNothing());
    it('refuses the same id with another severity', () =>
      given(registered(), opened('k1', 'high')).when(cmd('OpenComplaint', { complaintId: 'k1', severity: 'low' })).thenThrows(AlreadyExists, 'already-exists'));
    it('takes "constructor" as an ordinary complaint id', () =>
      given(registered()).when(cmd('OpenComplaint', { complaintId: 'constructor', severity: 'low' })).then([{ type: 'customers.ComplaintOpened', data: { ...attribution, complaintId: 'constructor', severity: 'low' } }]));
    it('refuses a churned customer', () =>
      given(registered(), churned()).when(cmd('OpenComplaint', { complaintId: 'k9', severity: 'low' }, '2026-04-02T00:00:00.000Z')).thenThrows(CustomerIsChurned, 'customer-churned'));
    it('refuses an unknown customer', () => given().when(cmd('OpenComplaint', { complaintId: 'k1', severity: 'low' })).thenThrows(AggregateNotFound));
    it('refuses a business time before registration', () =>
      given(registered()).when(cmd('OpenComplaint', { complaintId: 'k1', severity: 'low' }, '2026-01-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('ResolveComplaint', () => {
    it('resolves an open complaint, carrying when it was opened', () =>
      given(registered(), opened('k1', 'high')).when(cmd('ResolveComplaint', { complaintId: 'k1' })).then([
        { type: 'customers.ComplaintResolved', data: { ...attribution, complaintId: 'k1', severity: 'high', openedAt: '2026-03-05T10:00:00.000Z' } },
      ]));
    it('resolves at the very moment of opening', () =>
      given(registered(), opened()).when(cmd('ResolveComplaint', { complaintId: 'k1' }, '2026-03-05T10:00:00.000Z')).then([expect.objectContaining({ type: 'customers.ComplaintResolved' })] as never));
    it('resolves a complaint of a churned customer', () =>
      given(registered(), opened(), churned()).when(cmd('ResolveComplaint', { complaintId: 'k1' }, '2026-04-02T00:00:00.000Z')).then([expect.objectContaining({ type: 'customers.ComplaintResolved' })] as never));
    it('refuses an unknown complaint', () => given(registered(), opened('k1')).when(cmd('ResolveComplaint', { complaintId: 'k2' })).thenThrows(AggregateNotFound, 'not-found'));
    it('refuses a complaint resolved already', () =>
      given(registered(), opened(), resolved()).when(cmd('ResolveComplaint', { complaintId: 'k1' })).thenThrows(ComplaintAlreadyResolved, 'complaint-already-resolved'));
    it('refuses a resolution before the opening', () =>
      given(registered(), opened()).when(cmd('ResolveComplaint', { complaintId: 'k1' }, '2026-03-05T09:59:59.000Z')).thenThrows(ResolvedBeforeOpened, 'resolved-before-opened'));
    it('refuses an unknown customer', () => given().when(cmd('ResolveComplaint', { complaintId: 'k1' })).thenThrows(AggregateNotFound));
    it('refuses a business time before registration', () =>
      given(registered(), opened()).when(cmd('ResolveComplaint', { complaintId: 'k1' }, '2026-02-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('ChurnCustomer', () => {
    it('churns an active customer with a reason', () =>
      given(registered()).when(cmd('ChurnCustomer', { reason: 'price' })).then([{ type: 'customers.CustomerChurned', data: { ...attribution, reason: 'price' } }]));
    it('churns a reactivated customer again', () =>
      given(registered(), churned(), reactivated()).when(cmd('ChurnCustomer', { reason: 'moved' }, '2026-06-01T00:00:00.000Z')).then([
        { type: 'customers.CustomerChurned', data: { ...attribution, reason: 'moved' } },
      ]));
    it('refuses a customer churned already', () =>
      given(registered(), churned()).when(cmd('ChurnCustomer', { reason: 'again' }, '2026-04-02T00:00:00.000Z')).thenThrows(CustomerAlreadyChurned, 'customer-already-churned'));
    it('refuses a churn before the latest reactivation', () =>
      given(registered(), churned(), reactivated()).when(cmd('ChurnCustomer', { reason: 'x' }, '2026-04-15T00:00:00.000Z')).thenThrows(StatusChangeOutOfOrder, 'status-change-out-of-order'));
    it('refuses an unknown customer', () => given().when(cmd('ChurnCustomer', { reason: 'x' })).thenThrows(AggregateNotFound));
    it('refuses a business time before registration', () =>
      given(registered()).when(cmd('ChurnCustomer', { reason: 'x' }, '2026-02-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('ReactivateCustomer', () => {
    it('reactivates a churned customer', () =>
      given(registered(), churned()).when(cmd('ReactivateCustomer', {}, '2026-05-01T00:00:00.000Z')).then([{ type: 'customers.CustomerReactivated', data: attribution }]));
    it('refuses an active customer', () => given(registered()).when(cmd('ReactivateCustomer', {})).thenThrows(CustomerNotChurned, 'customer-not-churned'));
    it('refuses a reactivated customer', () =>
      given(registered(), churned(), reactivated()).when(cmd('ReactivateCustomer', {}, '2026-05-02T00:00:00.000Z')).thenThrows(CustomerNotChurned));
    it('refuses a reactivation before the churn', () =>
      given(registered(), churned()).when(cmd('ReactivateCustomer', {}, '2026-03-15T00:00:00.000Z')).thenThrows(StatusChangeOutOfOrder, 'status-change-out-of-order'));
    it('refuses an unknown customer', () => given().when(cmd('ReactivateCustomer', {})).thenThrows(AggregateNotFound));
    it('refuses a business time before registration', () =>
      given(registered(), churned()).when(cmd('ReactivateCustomer', {}, '2026-02-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('state', () => {
    it('keeps status, open complaints and the latest survey by business time', () => {
      const state = given(
        registered(),
        opened('k1', 'high'),
        opened('k2', 'low', '2026-03-07T00:00:00.000Z'),
        resolved('k1'),
        { type: 'customers.SurveyRecorded', data: { ...attribution, kind: 'nps', score: 10 }, occurredAt: '2026-03-20T00:00:00.000Z' } as Given,
        { type: 'customers.SurveyRecorded', data: { ...attribution, kind: 'csat', score: 2 }, occurredAt: '2026-03-15T00:00:00.000Z' } as Given,
        churned(),
      ).state();
      expect(state).toMatchObject({ status: 'churned', churnReason: 'price', statusSince: '2026-04-01T00:00:00.000Z', latestSurvey: { kind: 'nps', score: 10, recordedAt: '2026-03-20T00:00:00.000Z' } });
      expect(state.status !== 'none' && [...state.complaints.values()]).toEqual([
        { complaintId: 'k1', severity: 'high', openedAt: '2026-03-05T10:00:00.000Z', resolvedAt: '2026-03-06T10:00:00.000Z' },
        { complaintId: 'k2', severity: 'low', openedAt: '2026-03-07T00:00:00.000Z', resolvedAt: null },
      ]);
    });
  });
});
