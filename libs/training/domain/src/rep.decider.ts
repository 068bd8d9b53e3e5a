import { AggregateNotFound, AlreadyExists, Decider, ensureNotBeforeCreation, sameFacts, StoredDomainEvent, unreachable } from '@quotient/kernel';
import type { CertifyRep, HireRep, RecordRepDeparture, RepCommand, TransferRep } from './rep.commands';
import type { RepEvent } from './rep.events';
import { RepAlreadyLeft } from './training.errors';

export type Rep =
  | { readonly status: 'none' }
  | {
      readonly status: 'active' | 'left';
      readonly repId: string;
      readonly name: string;
      readonly teamId: string;
      readonly hiredAt: string;
      readonly certifications: readonly string[];
      readonly leftAt: string | null;
      readonly leaveReason: string | null;
      readonly hiring: HireRep['data'];
    };

type ExistingRep = Exclude<Rep, { status: 'none' }>;

export const initialRep = (): Rep => ({ status: 'none' });

const existing = (rep: Rep, repId: string, occurredAt: string): ExistingRep => {
  if (rep.status === 'none') throw new AggregateNotFound('rep', repId);
  ensureNotBeforeCreation('rep', repId, rep.hiredAt, occurredAt);
  return rep;
};

const active = (rep: Rep, repId: string, occurredAt: string): ExistingRep => {
  const found = existing(rep, repId, occurredAt);
  if (found.status === 'left') throw new RepAlreadyLeft(repId, found.leftAt ?? undefined);
  return found;
};

const hire = ({ data }: HireRep, rep: Rep): RepEvent[] => {
  if (rep.status !== 'none') {
    if (sameFacts(rep.hiring, data)) return [];
    throw new AlreadyExists('rep', data.repId);
  }
  return [{ type: 'training.RepHired', data: { repId: data.repId, name: data.name, teamId: data.teamId } }];
};

const transfer = ({ data, metadata }: TransferRep, rep: Rep): RepEvent[] => {
  const current = active(rep, data.repId, metadata.occurredAt);
  if (current.teamId === data.teamId) return [];
  return [{ type: 'training.RepTransferred', data: { repId: data.repId, fromTeamId: current.teamId, toTeamId: data.teamId } }];
};

const recordDeparture = ({ data, metadata }: RecordRepDeparture, rep: Rep): RepEvent[] => {
  const current = active(rep, data.repId, metadata.occurredAt);
  return [{ type: 'training.RepLeft', data: { repId: data.repId, teamId: current.teamId, reason: data.reason, hiredAt: current.hiredAt } }];
};

const certify = ({ data, metadata }: CertifyRep, rep: Rep): RepEvent[] => {
  const current = active(rep, data.repId, metadata.occurredAt);
  if (current.certifications.includes(data.certification)) return [];
  return [{ type: 'training.RepCertified', data: { repId: data.repId, teamId: current.teamId, certification: data.certification } }];
};

export const decideRep = (command: RepCommand, rep: Rep): RepEvent[] => {
  switch (command.type) {
    case 'HireRep':
      return hire(command, rep);
    case 'TransferRep':
      return transfer(command, rep);
    case 'RecordRepDeparture':
      return recordDeparture(command, rep);
    case 'CertifyRep':
      return certify(command, rep);
    default:
      return unreachable(command);
  }
};

export const evolveRep = (rep: Rep, event: StoredDomainEvent<RepEvent>): Rep => {
  switch (event.type) {
    case 'training.RepHired':
      return {
        status: 'active',
        ...event.data,
        hiredAt: event.occurredAt,
        certifications: [],
        leftAt: null,
        leaveReason: null,
        hiring: { ...event.data },
      };
    case 'training.RepTransferred':
      return rep.status === 'none' ? rep : { ...rep, teamId: event.data.toTeamId };
    case 'training.RepLeft':
      return rep.status === 'none' ? rep : { ...rep, status: 'left', leftAt: event.occurredAt, leaveReason: event.data.reason };
    case 'training.RepCertified':
      return rep.status === 'none' ? rep : { ...rep, certifications: [...rep.certifications, event.data.certification] };
    default:
      return unreachable(event);
  }
};

export const repDecider: Decider<RepCommand, Rep, RepEvent> = {
  decide: decideRep,
  evolve: evolveRep,
  initialState: initialRep,
};
