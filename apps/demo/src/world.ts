import { type Action, type ActionKinds, type Aggregate, SERVICE_OF } from './action';
import { DAY_MS, isWeekend, MINUTE_MS, monthOf, quarterOf, workingMoment } from './calendar';
import type { Random } from './random';

export const REGIONS = ['north', 'south', 'east', 'west'] as const;
export const CHANNELS = ['direct', 'partner', 'online', 'referral'] as const;
export const SEGMENTS = ['enterprise', 'midmarket', 'smb'] as const;
const TEAM_NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Anything that acts in time: its actions never go back before its latest one. */
export interface Timed {
  lastAt: number;
}

export interface RepState extends Timed {
  readonly id: string;
  teamId: string;
  readonly hiredAt: number;
  active: boolean;
  /** Multiplies win chances: some reps sell better than others. */
  readonly skill: number;
  readonly certifications: Set<string>;
  readonly programs: Set<string>;
}

export interface CustomerState extends Timed {
  readonly id: string;
  readonly segment: string;
  readonly region: string;
  readonly channel: string;
  readonly ownerRepId: string;
  readonly teamId: string;
  active: boolean;
  /** Latent satisfaction 0–1: drives survey scores, complaints and churn. */
  satisfaction: number;
}

export interface DealState extends Timed {
  readonly id: string;
  readonly customerId: string;
  readonly ownerRepId: string;
  readonly teamId: string;
  readonly region: string;
  readonly channel: string;
  readonly segment: string;
  amount: number;
  stage: number;
  probability: number;
  readonly expectedClose: number;
  readonly cycleDays: number;
  /** How busy the deal is: some get daily attention, some go quiet and stall. */
  readonly engagement: number;
}

export interface ProgramState extends Timed {
  readonly id: string;
  readonly hours: number;
}

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly action: Action;
}

/**
 * The simulated company on one day of the history: its people, customers and pipeline, a
 * clock that never runs backwards per aggregate, an agenda of things that happen later, and a
 * buffer that hands actions out in time order.
 */
export class World {
  readonly teams: string[];
  readonly reps = new Map<string, RepState>();
  readonly customers: CustomerState[] = [];
  readonly openDeals = new Map<string, DealState>();
  readonly programs: ProgramState[] = [];
  /** Tallies for planning: `<measure>|<scope>|<period>` → amount. */
  readonly tallies = new Map<string, number>();
  dayIndex = 0;
  dayStart: number;
  private seq = 0;
  private readonly ids = new Map<string, number>();
  private buffer: Pending[] = [];
  private readonly agenda = new Map<number, Array<() => void>>();

  constructor(
    readonly random: Random,
    readonly scale: number,
    readonly start: number,
    readonly now: number,
    readonly tag: string,
  ) {
    this.dayStart = start;
    const teamCount = Math.max(5, Math.round(5 * scale));
    this.teams = Array.from({ length: teamCount }, (_, i) => TEAM_NAMES[i] ?? `team-${i + 1}`);
  }

  /** Home region of a team: teams mostly sell into one region. */
  homeRegion(teamId: string): string {
    return REGIONS[this.teams.indexOf(teamId) % REGIONS.length];
  }

  /** Weekends are quiet. */
  get activity(): number {
    return isWeekend(this.dayStart) ? 0.15 : 1;
  }

  nextId(prefix: string, width = 6): string {
    const n = (this.ids.get(prefix) ?? 0) + 1;
    this.ids.set(prefix, n);
    return `${prefix}${this.tag}-${String(n).padStart(width, '0')}`;
  }

  activeReps(teamId?: string): RepState[] {
    return [...this.reps.values()].filter((r) => r.active && (teamId === undefined || r.teamId === teamId));
  }

  /** A moment today, after everything the given actors did before (and after `notBefore`). */
  at(actors: readonly Timed[], notBefore = 0): number {
    let moment = Math.max(workingMoment(this.dayStart, this.random.next()), notBefore);
    for (const actor of actors) moment = Math.max(moment, actor.lastAt + this.random.int(1, 30) * MINUTE_MS);
    for (const actor of actors) actor.lastAt = moment;
    return moment;
  }

  emit<A extends Aggregate>(aggregate: A, kind: ActionKinds[A], id: string, body: Record<string, unknown>, at: number, subId?: string): void {
    const action = { service: SERVICE_OF[aggregate], aggregate, kind, id, body, occurredAt: new Date(at).toISOString(), ...(subId ? { subId } : {}) } as Action;
    this.buffer.push({ at, seq: this.seq++, action });
  }

  /** Runs `work` on a later day of the simulation (dropped if that day is after "now"). */
  later(days: number, work: () => void): void {
    const day = this.dayIndex + Math.max(1, Math.round(days));
    const list = this.agenda.get(day);
    if (list) list.push(work);
    else this.agenda.set(day, [work]);
  }

  beginDay(index: number): void {
    this.dayIndex = index;
    this.dayStart = this.start + index * DAY_MS;
    const due = this.agenda.get(index) ?? [];
    this.agenda.delete(index);
    for (const work of due) work();
  }

  /** The day's actions in time order; later ones wait for their day, future ones never come. */
  *drain(): Generator<Action> {
    const cutoff = Math.min(this.dayStart + DAY_MS, this.now + 1);
    this.buffer.sort((a, b) => a.at - b.at || a.seq - b.seq);
    let taken = 0;
    while (taken < this.buffer.length && this.buffer[taken].at < cutoff) taken++;
    const ready = this.buffer.slice(0, taken);
    this.buffer = this.buffer.slice(taken);
    for (const pending of ready) yield pending.action;
  }

  tally(measure: string, scopes: readonly string[], at: number, amount = 1): void {
    for (const scope of scopes) {
      for (const period of [monthOf(at), quarterOf(at)]) {
        const key = `${measure}|${scope}|${period}`;
        this.tallies.set(key, (this.tallies.get(key) ?? 0) + amount);
      }
    }
  }

  tallied(measure: string, scope: string, period: string): number {
    return this.tallies.get(`${measure}|${scope}|${period}`) ?? 0;
  }
}

/** The scopes targets and forecasts are set for. */
export const planningScopes = (teamId: string, repId: string): string[] => ['org', `team:${teamId}`, `rep:${repId}`];

export const money = (amount: number, step = 1): number => Math.max(step, Math.round(amount / step) * step);

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
