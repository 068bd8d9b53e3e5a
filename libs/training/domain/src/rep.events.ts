import type { EventOf } from '@quotient/contracts';

export type RepHired = EventOf<'training.RepHired'>;
export type RepTransferred = EventOf<'training.RepTransferred'>;
export type RepLeft = EventOf<'training.RepLeft'>;
export type RepCertified = EventOf<'training.RepCertified'>;

export type RepEvent = RepHired | RepTransferred | RepLeft | RepCertified;

export const repStream = (repId: string): string => `training.rep-${repId}`;
