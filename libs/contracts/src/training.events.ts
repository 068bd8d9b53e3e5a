import { z } from 'zod';
import { Identifier, IsoDateTime } from './vocabulary';

export const RepHired = z.object({ repId: Identifier, name: z.string(), teamId: Identifier });
export const RepTransferred = z.object({ repId: Identifier, fromTeamId: Identifier, toTeamId: Identifier });
export const RepLeft = z.object({ repId: Identifier, teamId: Identifier, reason: z.string(), hiredAt: IsoDateTime });
export const RepCertified = z.object({ repId: Identifier, teamId: Identifier, certification: z.string() });
export const ProgramCreated = z.object({ programId: Identifier, title: z.string(), skill: z.string(), hours: z.number() });
export const RepEnrolled = z.object({ programId: Identifier, repId: Identifier, teamId: Identifier, hours: z.number() });
export const TrainingCompleted = z.object({
  programId: Identifier,
  repId: Identifier,
  teamId: Identifier,
  hours: z.number(),
  score: z.number(),
  enrolledAt: IsoDateTime,
});

export const trainingEventSchemas = {
  'training.RepHired': RepHired,
  'training.RepTransferred': RepTransferred,
  'training.RepLeft': RepLeft,
  'training.RepCertified': RepCertified,
  'training.ProgramCreated': ProgramCreated,
  'training.RepEnrolled': RepEnrolled,
  'training.TrainingCompleted': TrainingCompleted,
} as const;
