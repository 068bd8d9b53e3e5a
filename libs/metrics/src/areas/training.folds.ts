import type { EventOf, QuotientEvent } from '@quotient/contracts';
import type { Entry } from '../entries';
import { sums } from '../entries';
import type { FoldContext, FoldMeta, MetricFold } from '../definition';
import { COUNTERS as C } from './counters';
import { RepData, updateRep } from './rep.entity';
import { earlier, orgTeam } from './support';

type RepEvent = EventOf<'training.RepHired' | 'training.RepTransferred' | 'training.RepLeft' | 'training.RepCertified'>;

const evolveRep = (data: RepData, event: RepEvent, at: string): RepData => {
  switch (event.type) {
    case 'training.RepHired':
      return data.hiredAt !== null ? data : { ...data, hiredAt: at, teams: [[event.data.teamId, at], ...data.teams] };
    case 'training.RepTransferred': {
      const last = data.teams[data.teams.length - 1];
      return last && last[0] === event.data.toTeamId ? data : { ...data, teams: [...data.teams, [event.data.toTeamId, at]] };
    }
    case 'training.RepLeft': {
      if (data.leftAt !== null) return data;
      const hiredAt = data.hiredAt ?? event.data.hiredAt;
      const teams = data.teams.length > 0 ? data.teams : [[event.data.teamId, hiredAt] as const];
      return { ...data, hiredAt, teams, leftAt: at };
    }
    case 'training.RepCertified': {
      const certifiedAt = earlier(data.certifiedAt, at);
      return certifiedAt === data.certifiedAt ? data : { ...data, certifiedAt };
    }
  }
};

/** Reps: one entity per rep (headcount, certification, departure, ramp). */
export const repsFold: MetricFold = {
  name: 'reps',
  handles: ['training.RepHired', 'training.RepTransferred', 'training.RepLeft', 'training.RepCertified'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const e = event as RepEvent;
    updateRep(ctx, e.data.repId, (data) => evolveRep(data, e, meta.occurredAt));
  },
};

interface EnrolmentData {
  readonly enrolledAt: string;
  readonly teamId: string;
  readonly completedAt: string | null;
  readonly completedTeamId: string | null;
  readonly hours: number;
}

/**
 * Completion rate is a cohort ratio: an enrolment and its completion both count in the period
 * (and team) of the enrolment. Training hours count when and where the program was completed.
 */
const enrolmentEntries = (e: EnrolmentData): Entry[] => {
  const cohort = orgTeam(e.teamId);
  const entries = sums(C.enrolments, cohort, e.enrolledAt, 1);
  if (e.completedAt === null || e.completedTeamId === null) return entries;
  entries.push(...sums(C.enrolmentsCompleted, cohort, e.enrolledAt, 1));
  entries.push(...sums(C.trainingHours, orgTeam(e.completedTeamId), e.completedAt, e.hours));
  return entries;
};

/** Enrolments: one entity per program+rep. */
export const enrolmentsFold: MetricFold = {
  name: 'enrolments',
  handles: ['training.RepEnrolled', 'training.TrainingCompleted'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const e = event as EventOf<'training.RepEnrolled' | 'training.TrainingCompleted'>;
    const key = `enrolment:${e.data.programId}/${e.data.repId}`;
    const current = ctx.entity<EnrolmentData>(key)?.data;
    let next: EnrolmentData;
    if (e.type === 'training.RepEnrolled') {
      if (current) return;
      next = { enrolledAt: meta.occurredAt, teamId: e.data.teamId, completedAt: null, completedTeamId: null, hours: e.data.hours };
    } else {
      if (current?.completedAt) return;
      next = {
        enrolledAt: current?.enrolledAt ?? e.data.enrolledAt,
        teamId: current?.teamId ?? e.data.teamId,
        completedAt: meta.occurredAt,
        completedTeamId: e.data.teamId,
        hours: e.data.hours,
      };
    }
    ctx.setEntity(key, next, () => enrolmentEntries(next));
  },
};
