import { z } from 'zod';
import { Identifier } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

export const HireRepData = z.object({ repId: Identifier, name: z.string().trim().min(1).max(200), teamId: Identifier });
export const TransferRepData = z.object({ repId: Identifier, teamId: Identifier });
export const RecordRepDepartureData = z.object({ repId: Identifier, reason: z.string().trim().min(1).max(500) });
export const CertifyRepData = z.object({ repId: Identifier, certification: z.string().trim().min(1).max(200) });

export type HireRep = Command<'HireRep', z.infer<typeof HireRepData>>;
export type TransferRep = Command<'TransferRep', z.infer<typeof TransferRepData>>;
export type RecordRepDeparture = Command<'RecordRepDeparture', z.infer<typeof RecordRepDepartureData>>;
export type CertifyRep = Command<'CertifyRep', z.infer<typeof CertifyRepData>>;

export type RepCommand = HireRep | TransferRep | RecordRepDeparture | CertifyRep;
