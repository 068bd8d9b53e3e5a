import { z } from 'zod';
import { Identifier } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

export const ProgramHours = z.number().finite().positive().max(1000);
export const TrainingScore = z.number().finite().min(0).max(100);

/**
 * What a program needs to know about a rep. The rep lives in its own aggregate, so the caller reads
 * it and hands this snapshot in with the command; the decider never reaches for another stream.
 */
export const RepSnapshot = z.object({ repId: Identifier, teamId: Identifier, active: z.boolean() });
export type RepSnapshot = z.infer<typeof RepSnapshot>;

export const CreateProgramData = z.object({
  programId: Identifier,
  title: z.string().trim().min(1).max(200),
  skill: z.string().trim().min(1).max(100),
  hours: ProgramHours,
});
export const EnrolRepData = z.object({ programId: Identifier, repId: Identifier, rep: RepSnapshot });
export const CompleteTrainingData = z.object({ programId: Identifier, repId: Identifier, score: TrainingScore, rep: RepSnapshot });

export type CreateProgram = Command<'CreateProgram', z.infer<typeof CreateProgramData>>;
export type EnrolRep = Command<'EnrolRep', z.infer<typeof EnrolRepData>>;
export type CompleteTraining = Command<'CompleteTraining', z.infer<typeof CompleteTrainingData>>;

export type ProgramCommand = CreateProgram | EnrolRep | CompleteTraining;
