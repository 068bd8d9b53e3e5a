import { AggregateNotFound, AlreadyExists, OccurredBeforeCreation } from '@quotient/kernel';
import { deciderSpec, testMetadata } from '@quotient/testing';
import type { ProgramCommand, RepSnapshot } from './program.commands';
import { programDecider } from './program.decider';
import type { ProgramEvent } from './program.events';
import { CompletedBeforeEnrolment, NotEnrolled, RepAlreadyLeft, TrainingAlreadyCompleted } from './training.errors';

const CREATED_AT = '2026-02-01T09:00:00.000Z';
const ENROLLED_AT = '2026-03-01T09:00:00.000Z';
type Stored = ProgramEvent & { occurredAt?: string };

const creation = { programId: 'p1', title: 'Value selling', skill: 'negotiation', hours: 12 };
const programCreated = (): Stored => ({ type: 'training.ProgramCreated', data: creation, occurredAt: CREATED_AT });
const repEnrolled = (repId = 'r1', teamId = 'north'): Stored => ({ type: 'training.RepEnrolled', data: { programId: 'p1', repId, teamId, hours: 12 }, occurredAt: ENROLLED_AT });
const trainingCompleted = (score: number): Stored => ({
  type: 'training.TrainingCompleted',
  data: { programId: 'p1', repId: 'r1', teamId: 'north', hours: 12, score, enrolledAt: ENROLLED_AT },
  occurredAt: '2026-04-01T09:00:00.000Z',
});

const activeRep = (overrides: Partial<RepSnapshot> = {}): RepSnapshot => ({ repId: 'r1', teamId: 'north', active: true, ...overrides });
const leftRep = () => activeRep({ active: false });

const cmd = <T extends ProgramCommand['type']>(type: T, data: Extract<ProgramCommand, { type: T }>['data'], occurredAt = '2026-03-15T09:00:00.000Z') =>
  ({ type, data, metadata: testMetadata(occurredAt) }) as ProgramCommand;
const enrol = (rep = activeRep(), occurredAt?: string) => cmd('EnrolRep', { programId: 'p1', repId: rep.repId, rep }, occurredAt);
const complete = (score: number, rep = activeRep(), occurredAt?: string) => cmd('CompleteTraining', { programId: 'p1', repId: rep.repId, score, rep }, occurredAt);

const given = deciderSpec(programDecider);

describe('program decider', () => {
  describe('CreateProgram', () => {
    it('creates a program', () => given().when(cmd('CreateProgram', creation)).then([{ type: 'training.ProgramCreated', data: creation }]));
    it('is idempotent for the same id and facts', () => given(programCreated()).when(cmd('CreateProgram', creation)).thenNothing());
    it('stays idempotent once reps are enrolled', () => given(programCreated(), repEnrolled()).when(cmd('CreateProgram', creation)).thenNothing());
    it('refuses the same id with other facts', () => given(programCreated()).when(cmd('CreateProgram', { ...creation, hours: 8 })).thenThrows(AlreadyExists, 'already-exists'));
  });

  describe('EnrolRep', () => {
    it("enrols an active rep with the rep's team and the program's hours", () =>
      given(programCreated()).when(enrol()).then([{ type: 'training.RepEnrolled', data: { programId: 'p1', repId: 'r1', teamId: 'north', hours: 12 } }]));
    it('enrols a second rep beside the first', () =>
      given(programCreated(), repEnrolled())
        .when(enrol(activeRep({ repId: 'r2', teamId: 'south' })))
        .then([{ type: 'training.RepEnrolled', data: { programId: 'p1', repId: 'r2', teamId: 'south', hours: 12 } }]));
    it('changes nothing for a rep already enrolled', () => given(programCreated(), repEnrolled()).when(enrol()).thenNothing());
    it('changes nothing for a rep already enrolled who has left since', () => given(programCreated(), repEnrolled()).when(enrol(leftRep())).thenNothing());
    it('refuses a rep who left', () => given(programCreated()).when(enrol(leftRep())).thenThrows(RepAlreadyLeft, 'rep-already-left'));
    it('refuses an unknown program', () => given().when(enrol()).thenThrows(AggregateNotFound));
    it('refuses a business time before the program was created', () => given(programCreated()).when(enrol(activeRep(), '2026-01-31T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
    it('keys enrolments by rep, even a rep named like a prototype member', () =>
      given(programCreated()).when(enrol(activeRep({ repId: '__proto__' }))).then([expect.objectContaining({ type: 'training.RepEnrolled' })] as never));
  });

  describe('CompleteTraining', () => {
    it('completes with the score, the hours and the time of enrolment', () =>
      given(programCreated(), repEnrolled()).when(complete(87.5)).then([
        { type: 'training.TrainingCompleted', data: { programId: 'p1', repId: 'r1', teamId: 'north', hours: 12, score: 87.5, enrolledAt: ENROLLED_AT } },
      ]));
    it("attributes the completion to the rep's team now", () =>
      given(programCreated(), repEnrolled()).when(complete(90, activeRep({ teamId: 'south' }))).then([expect.objectContaining({ data: expect.objectContaining({ teamId: 'south' }) })] as never));
    it('accepts the bounds of the score', () => given(programCreated(), repEnrolled()).when(complete(0)).then([expect.objectContaining({ data: expect.objectContaining({ score: 0 }) })] as never));
    it('refuses a rep who is not enrolled', () => given(programCreated(), repEnrolled('r2')).when(complete(80)).thenThrows(NotEnrolled, 'not-enrolled'));
    it('changes nothing when completed again with the same score', () => given(programCreated(), repEnrolled(), trainingCompleted(80)).when(complete(80)).thenNothing());
    it('refuses a second completion with another score', () =>
      given(programCreated(), repEnrolled(), trainingCompleted(80)).when(complete(95)).thenThrows(TrainingAlreadyCompleted, 'training-already-completed'));
    it('refuses a rep who left before completing', () => given(programCreated(), repEnrolled()).when(complete(80, leftRep())).thenThrows(RepAlreadyLeft, 'rep-already-left'));
    it('refuses a completion dated before the enrolment', () =>
      given(programCreated(), repEnrolled()).when(complete(80, activeRep(), '2026-02-15T00:00:00.000Z')).thenThrows(CompletedBeforeEnrolment, 'completed-before-enrolment'));
    it('refuses a business time before the program was created', () =>
      given(programCreated(), repEnrolled()).when(complete(80, activeRep(), '2026-01-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation, 'occurred-before-creation'));
    it('refuses an unknown program', () => given().when(complete(80)).thenThrows(AggregateNotFound));
    it('keeps the completion on the enrolment', () =>
      expect(given(programCreated(), repEnrolled(), trainingCompleted(80)).state()).toMatchObject({
        enrolments: new Map([['r1', { repId: 'r1', teamId: 'north', enrolledAt: ENROLLED_AT, completion: { completedAt: '2026-04-01T09:00:00.000Z', score: 80 } }]]),
      }));
  });
});

describe('program command schemas', () => {
  it('accepts hours above 0 up to 1000 and scores from 0 to 100', async () => {
    const { ProgramHours, TrainingScore } = await import('./program.commands');
    expect([0, -1, 0.5, 1000, 1000.5].map((h) => ProgramHours.safeParse(h).success)).toEqual([false, false, true, true, false]);
    expect([-0.1, 0, 100, 100.1].map((s) => TrainingScore.safeParse(s).success)).toEqual([false, true, true, false]);
  });
});
