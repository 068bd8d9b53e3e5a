import type { EventOf } from '@quotient/contracts';

export type ProgramCreated = EventOf<'training.ProgramCreated'>;
export type RepEnrolled = EventOf<'training.RepEnrolled'>;
export type TrainingCompleted = EventOf<'training.TrainingCompleted'>;

export type ProgramEvent = ProgramCreated | RepEnrolled | TrainingCompleted;

export const programStream = (programId: string): string => `training.program-${programId}`;
