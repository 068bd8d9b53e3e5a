import type { Entry } from '../entries';
import { sums } from '../entries';
import type { FoldContext } from '../definition';
import { ORG, rep, team } from '../scopes';
import { COUNTERS as C } from './counters';
import { elapsedDays, isBefore, later, span } from './support';

/**
 * One rep as the projection sees it. Fed by the training context (hire, transfers, leave,
 * certifications) and by the deals context (first win): either may arrive first.
 */
export interface RepData {
  readonly hiredAt: string | null;
  /** Team history: [teamId, since], in order; the first entry starts at the hire. */
  readonly teams: readonly (readonly [string, string])[];
  readonly leftAt: string | null;
  /** Earliest certification (holding one is what certified_rep_share counts). */
  readonly certifiedAt: string | null;
  /** Earliest won deal owned by the rep: [wonAt, dealId]. */
  readonly firstWin: readonly [string, string] | null;
}

export const repKey = (repId: string) => `rep:${repId}`;

export const emptyRep: RepData = { hiredAt: null, teams: [], leftAt: null, certifiedAt: null, firstWin: null };

const teamAt = (data: RepData, at: string): string => {
  let current = data.teams[0][0];
  for (const [teamId, since] of data.teams) if (!isBefore(at, since)) current = teamId;
  return current;
};

/** A level for org (and the rep itself) over the whole span, and per team over each stint, clipped to `from`. */
const stints = (counter: string, repId: string | null, data: RepData, from: string): Entry[] => {
  const end = data.leftAt;
  if (end !== null && !isBefore(from, end)) return [];
  const entries = span(counter, repId === null ? [ORG] : [ORG, rep(repId)], from, end);
  data.teams.forEach(([teamId, since], i) => {
    const until = i + 1 < data.teams.length ? data.teams[i + 1][1] : end;
    const start = later(since, from);
    if (until === null || isBefore(start, until)) entries.push(...span(counter, [team(teamId)], start, until));
  });
  return entries;
};

/**
 * Headcount (org, team, and the rep's own scope so that reps employed in a period are peers),
 * certified reps, departures, and ramp days at the first win. A first win before the hire is no
 * ramp: such a rep was selling before the training context knew them, so they are left out.
 */
export const repEntries = (repId: string, data: RepData): Entry[] => {
  if (data.hiredAt === null || data.teams.length === 0) return [];
  const entries = stints(C.headcount, repId, data, data.hiredAt);
  if (data.certifiedAt !== null) entries.push(...stints(C.certifiedReps, null, data, later(data.hiredAt, data.certifiedAt)));
  if (data.leftAt !== null) entries.push(...sums(C.repsLeft, [ORG, team(teamAt(data, data.leftAt))], data.leftAt, 1));
  const win = data.firstWin;
  if (win !== null && !isBefore(win[0], data.hiredAt)) {
    const scopes = [ORG, team(teamAt(data, win[0]))];
    entries.push(...sums(C.rampDays, scopes, win[0], elapsedDays(data.hiredAt, win[0])), ...sums(C.rampReps, scopes, win[0], 1));
  }
  return entries;
};

export const updateRep = (ctx: FoldContext, repId: string, change: (data: RepData) => RepData): void => {
  const current = ctx.entity<RepData>(repKey(repId))?.data ?? emptyRep;
  const next = change(current);
  if (next !== current) ctx.setEntity(repKey(repId), next, () => repEntries(repId, next));
};

/** Keeps the earliest win (ties broken by deal id), so any arrival order gives the same first win. */
export const recordWin = (ctx: FoldContext, repId: string, wonAt: string, dealId: string): void =>
  updateRep(ctx, repId, (data) => {
    const first = data.firstWin;
    const earlierWin = first === null || isBefore(wonAt, first[0]) || (Date.parse(wonAt) === Date.parse(first[0]) && dealId < first[1]);
    return earlierWin ? { ...data, firstWin: [wonAt, dealId] } : data;
  });
