import { AggregateNotFound, AlreadyExists, OccurredBeforeCreation } from '@quotient/kernel';
import { deciderSpec, testMetadata } from '@quotient/testing';
import type { RepCommand } from './rep.commands';
import { repDecider } from './rep.decider';
import type { RepEvent } from './rep.events';
import { RepAlreadyLeft } from './training.errors';

/** Given events without a time of their own happen at the spec's default time: this is the hire. */
const HIRED_AT = '2026-01-01T00:00:00.000Z';
const LEFT_AT = '2026-05-01T00:00:00.000Z';

const repHired = (): RepEvent => ({ type: 'training.RepHired', data: { repId: 'r1', name: 'Li Wei', teamId: 'north' } });
const repTransferred = (fromTeamId: string, toTeamId: string): RepEvent => ({ type: 'training.RepTransferred', data: { repId: 'r1', fromTeamId, toTeamId } });
const repLeft = (teamId = 'north', reason = 'resigned'): RepEvent => ({ type: 'training.RepLeft', data: { repId: 'r1', teamId, reason, hiredAt: HIRED_AT } });
const repCertified = (certification: string, teamId = 'north'): RepEvent => ({ type: 'training.RepCertified', data: { repId: 'r1', teamId, certification } });
const at = (occurredAt: string, event: RepEvent) => ({ ...event, occurredAt });

const cmd = <T extends RepCommand['type']>(type: T, data: Extract<RepCommand, { type: T }>['data'], occurredAt = '2026-03-02T09:00:00.000Z') =>
  ({ type, data, metadata: testMetadata(occurredAt) }) as RepCommand;

const given = deciderSpec(repDecider);

describe('rep decider', () => {
  describe('HireRep', () => {
    const hiring = { repId: 'r1', name: 'Li Wei', teamId: 'north' };
    it('hires a rep into a team', () => given().when(cmd('HireRep', hiring)).then([{ type: 'training.RepHired', data: hiring }]));
    it('is idempotent for the same id and facts', () => given(repHired()).when(cmd('HireRep', hiring)).thenNothing());
    it('stays idempotent after the rep moved on', () => given(repHired(), repTransferred('north', 'south')).when(cmd('HireRep', hiring)).thenNothing());
    it('refuses the same id with other facts', () => given(repHired()).when(cmd('HireRep', { ...hiring, teamId: 'south' })).thenThrows(AlreadyExists, 'already-exists'));
    it('starts active, with the hire time and no certifications', () =>
      expect(given(repHired()).state()).toMatchObject({ status: 'active', teamId: 'north', hiredAt: HIRED_AT, certifications: [], leftAt: null }));
  });

  describe('TransferRep', () => {
    it('moves the rep, naming both teams', () =>
      given(repHired()).when(cmd('TransferRep', { repId: 'r1', teamId: 'south' })).then([{ type: 'training.RepTransferred', data: { repId: 'r1', fromTeamId: 'north', toTeamId: 'south' } }]));
    it('moves from the team the rep is in now', () =>
      given(repHired(), repTransferred('north', 'south'))
        .when(cmd('TransferRep', { repId: 'r1', teamId: 'west' }))
        .then([{ type: 'training.RepTransferred', data: { repId: 'r1', fromTeamId: 'south', toTeamId: 'west' } }]));
    it('changes nothing for the team the rep is already in', () => given(repHired()).when(cmd('TransferRep', { repId: 'r1', teamId: 'north' })).thenNothing());
    it('refuses a rep who left', () => given(repHired(), repLeft()).when(cmd('TransferRep', { repId: 'r1', teamId: 'south' })).thenThrows(RepAlreadyLeft, 'rep-already-left'));
    it('refuses a rep who left even for the same team', () => given(repHired(), repLeft()).when(cmd('TransferRep', { repId: 'r1', teamId: 'north' })).thenThrows(RepAlreadyLeft));
    it('refuses an unknown rep', () => given().when(cmd('TransferRep', { repId: 'r1', teamId: 'south' })).thenThrows(AggregateNotFound));
    it('refuses a business time before the hire', () =>
      given(repHired()).when(cmd('TransferRep', { repId: 'r1', teamId: 'south' }, '2025-12-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation, 'occurred-before-creation'));
  });

  describe('RecordRepDeparture', () => {
    it('records the leaving with the team and the hire time', () =>
      given(repHired()).when(cmd('RecordRepDeparture', { repId: 'r1', reason: 'resigned' })).then([repLeft()]));
    it('names the team the rep was in when leaving', () =>
      given(repHired(), repTransferred('north', 'south'))
        .when(cmd('RecordRepDeparture', { repId: 'r1', reason: 'relocated' }))
        .then([repLeft('south', 'relocated')]));
    it('may happen at the very moment of the hire', () =>
      given(repHired()).when(cmd('RecordRepDeparture', { repId: 'r1', reason: 'no-show' }, HIRED_AT)).then([repLeft('north', 'no-show')]));
    it('refuses a second leaving', () => given(repHired(), repLeft()).when(cmd('RecordRepDeparture', { repId: 'r1', reason: 'again' })).thenThrows(RepAlreadyLeft, 'rep-already-left'));
    it('refuses an unknown rep', () => given().when(cmd('RecordRepDeparture', { repId: 'r1', reason: 'x' })).thenThrows(AggregateNotFound));
    it('refuses a business time before the hire', () =>
      given(repHired()).when(cmd('RecordRepDeparture', { repId: 'r1', reason: 'x' }, '2025-12-31T23:59:59.000Z')).thenThrows(OccurredBeforeCreation));
    it('leaves the rep inactive, with the time and reason', () =>
      expect(given(repHired(), at(LEFT_AT, repLeft())).state()).toMatchObject({ status: 'left', leftAt: LEFT_AT, leaveReason: 'resigned' }));
  });

  describe('CertifyRep', () => {
    it('certifies the rep in the current team', () =>
      given(repHired(), repTransferred('north', 'south')).when(cmd('CertifyRep', { repId: 'r1', certification: 'CSP' })).then([repCertified('CSP', 'south')]));
    it('adds a further certification', () => given(repHired(), repCertified('CSP')).when(cmd('CertifyRep', { repId: 'r1', certification: 'MEDDIC' })).then([repCertified('MEDDIC')]));
    it('changes nothing for a certification the rep holds', () => given(repHired(), repCertified('CSP')).when(cmd('CertifyRep', { repId: 'r1', certification: 'CSP' })).thenNothing());
    it('refuses a rep who left', () => given(repHired(), repLeft()).when(cmd('CertifyRep', { repId: 'r1', certification: 'CSP' })).thenThrows(RepAlreadyLeft, 'rep-already-left'));
    it('refuses an unknown rep', () => given().when(cmd('CertifyRep', { repId: 'r1', certification: 'CSP' })).thenThrows(AggregateNotFound));
    it('refuses a business time before the hire', () =>
      given(repHired()).when(cmd('CertifyRep', { repId: 'r1', certification: 'CSP' }, '2025-06-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
    it('keeps every certification in the state', () => expect(given(repHired(), repCertified('CSP'), repCertified('MEDDIC')).state()).toMatchObject({ certifications: ['CSP', 'MEDDIC'] }));
  });
});
