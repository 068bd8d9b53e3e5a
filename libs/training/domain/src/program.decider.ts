import { AggregateNotFound, AlreadyExists, Decider, ensureNotBeforeCreation, sameFacts, StoredDomainEvent, unreachable } from '@quotient/kernel';
import type { CompleteTraining, CreateProgram, EnrolRep, ProgramCommand, RepSnapshot } from './program.commands';
import type { ProgramEvent } from './program.events';
import { CompletedBeforeEnrolment, NotEnrolled, RepAlreadyLeft, TrainingAlreadyCompleted } from './training.errors';

export interface Enrolment {
  readonly repId: string;
  readonly teamId: string;
  readonly enrolledAt: string;
  readonly completion: { readonly completedAt: string; readonly score: number } | null;
}

export type Program =
  | { readonly status: 'none' }
  | {
      readonly status: 'created';
      readonly programId: string;
      readonly title: string;
      readonly skill: string;
      readonly hours: number;
      readonly createdAt: string;
      /** By repId. A Map, because a client-chosen id such as `__proto__` must not meet Object.prototype. */
      readonly enrolments: ReadonlyMap<string, Enrolment>;
    };

type ExistingProgram = Exclude<Program, { status: 'none' }>;

export const initialProgram = (): Program => ({ status: 'none' });

const existing = (program: Program, programId: string, occurredAt: string): ExistingProgram => {
  if (program.status === 'none') throw new AggregateNotFound('program', programId);
  ensureNotBeforeCreation('program', programId, program.createdAt, occurredAt);
  return program;
};

/** The rep snapshot is consulted only when something new would be recorded, so a retried request stays a no-op. */
const ensureActive = (rep: RepSnapshot): void => {
  if (!rep.active) throw new RepAlreadyLeft(rep.repId);
};

const create = ({ data }: CreateProgram, program: Program): ProgramEvent[] => {
  if (program.status !== 'none') {
    const { programId, title, skill, hours } = program;
    if (sameFacts({ programId, title, skill, hours }, data)) return [];
    throw new AlreadyExists('program', data.programId);
  }
  return [{ type: 'training.ProgramCreated', data: { programId: data.programId, title: data.title, skill: data.skill, hours: data.hours } }];
};

const enrol = ({ data, metadata }: EnrolRep, program: Program): ProgramEvent[] => {
  const current = existing(program, data.programId, metadata.occurredAt);
  if (current.enrolments.has(data.repId)) return [];
  ensureActive(data.rep);
  return [{ type: 'training.RepEnrolled', data: { programId: data.programId, repId: data.repId, teamId: data.rep.teamId, hours: current.hours } }];
};

const complete = ({ data, metadata }: CompleteTraining, program: Program): ProgramEvent[] => {
  const current = existing(program, data.programId, metadata.occurredAt);
  const enrolment = current.enrolments.get(data.repId);
  if (!enrolment) throw new NotEnrolled(data.programId, data.repId);
  if (enrolment.completion) {
    if (enrolment.completion.score === data.score) return [];
    throw new TrainingAlreadyCompleted(data.programId, data.repId, enrolment.completion.score);
  }
  if (Date.parse(metadata.occurredAt) < Date.parse(enrolment.enrolledAt)) {
    throw new CompletedBeforeEnrolment(data.programId, data.repId, enrolment.enrolledAt, metadata.occurredAt);
  }
  ensureActive(data.rep);
  return [
    {
      type: 'training.TrainingCompleted',
      data: { programId: data.programId, repId: data.repId, teamId: data.rep.teamId, hours: current.hours, score: data.score, enrolledAt: enrolment.enrolledAt },
    },
  ];
};

export const decideProgram = (command: ProgramCommand, program: Program): ProgramEvent[] => {
  switch (command.type) {
    case 'CreateProgram':
      return create(command, program);
    case 'EnrolRep':
      return enrol(command, program);
    case 'CompleteTraining':
      return complete(command, program);
    default:
      return unreachable(command);
  }
};

const withEnrolment = (program: Program, enrolment: Enrolment): Program =>
  program.status === 'none' ? program : { ...program, enrolments: new Map(program.enrolments).set(enrolment.repId, enrolment) };

export const evolveProgram = (program: Program, event: StoredDomainEvent<ProgramEvent>): Program => {
  switch (event.type) {
    case 'training.ProgramCreated':
      return { status: 'created', ...event.data, createdAt: event.occurredAt, enrolments: new Map() };
    case 'training.RepEnrolled':
      return withEnrolment(program, { repId: event.data.repId, teamId: event.data.teamId, enrolledAt: event.occurredAt, completion: null });
    case 'training.TrainingCompleted': {
      const enrolment = program.status === 'none' ? undefined : program.enrolments.get(event.data.repId);
      if (!enrolment) return program;
      return withEnrolment(program, { ...enrolment, completion: { completedAt: event.occurredAt, score: event.data.score } });
    }
    default:
      return unreachable(event);
  }
};

export const programDecider: Decider<ProgramCommand, Program, ProgramEvent> = {
  decide: decideProgram,
  evolve: evolveProgram,
  initialState: initialProgram,
};
