import type { ScopeKind } from '@quotient/contracts';
import type { MetricContext, MetricDefinition, MetricResult, MetricsConfig } from './definition';
import type { MetricState } from './metric-state';
import type { TopChildren, TotalCell } from './sum-totals';
import { addDays, dayOf, periodBounds } from './periods';
import { isPublicScope as isPublic, scopeKind } from './scopes';
import type { CauseKey } from './cause-log';
import { Reads } from './formula-reads';
import { ALL_LEVELS, ReachedBy, TouchedPeriods } from './touch-log';

const NOTHING: ReadonlyMap<string, ReadonlyMap<string, ReachedBy>> = new Map();
const NO_CAUSES: readonly unknown[] = [];


export interface MetricValue extends MetricResult {
  readonly metric: string;
  readonly scope: string;
  readonly period: string;
}

/** Evaluates metric formulas over a state, memoising within one pass. */
export class MetricEvaluator {
  private readonly byId: Map<string, MetricDefinition>;
  /**
   * Per scope and period in a pass: one formula context (the metrics of a scope share it) and
   * the results memoised so far. Nested maps of the caller's own strings: no key is joined.
   */
  private passes = new Map<string, Map<string, Pass>>();
  /**
   * One frame per formula being computed (nested when one reads another): what it read that the
   * batch changed, created at the first such read — most formulas read nothing that changed.
   */
  /** @internal */
  frames: Array<Reads | null> = [];
  /** Whether this pass records reads: the state kept causes for the batch being evaluated. */
  private tracing = false;

  constructor(
    private readonly state: MetricState,
    readonly catalogue: readonly MetricDefinition[],
    private readonly config: MetricsConfig,
  ) {
    this.byId = new Map(catalogue.map((m) => [m.id, m]));
  }

  definition(id: string): MetricDefinition | undefined {
    return this.byId.get(id);
  }

  /** Scopes with data per period, and per period and scope kind (peers), for the length of a pass. */
  private scopesMemo = new Map<string, string[]>();
  /** metric → period → scope → its peer input when last evaluated (metrics with `peerInput`). */
  private readonly peerInputs = new Map<string, Map<string, Map<string, number | string | null>>>();
  private peersMemo = new Map<string, Map<string, string[]>>();

  /** Starts a new pass: the state changed. */
  reset(): void {
    this.passes = new Map();
    this.scopesMemo = new Map();
    this.peersMemo = new Map();
    this.tracing = this.state.causes.anyTaken;
  }

  /**
   * The events of the batch last evaluated that changed what a metric's formula read (itself or
   * through other metrics), in the order they were applied: what caused its value to change. Empty
   * when none did (its value moved with the clock) or causes are not kept (catching up).
   */
  causesRead(id: string, scope: string, period: string): readonly unknown[] {
    const reads = this.passes.get(scope)?.get(period)?.reads?.get(id);
    return reads ? reads.causes(this.state.causes) : NO_CAUSES;
  }

  /** @internal A formula of the pass read `key` (see Pass). */
  read(key: CauseKey, upToDay?: string): void {
    const top = this.frames.length - 1;
    if (top >= 0 && this.state.causes.changed(key)) (this.frames[top] ??= new Reads()).key(key, upToDay);
  }

  /** The formula being computed read another metric, whose reads are `reads`. */
  private readMetric(reads: Reads): void {
    const top = this.frames.length - 1;
    if (top >= 0) (this.frames[top] ??= new Reads()).metric(reads);
  }

  private scopesIn(period: string): string[] {
    let scopes = this.scopesMemo.get(period);
    if (!scopes) this.scopesMemo.set(period, (scopes = this.state.scopesIn(period)));
    return scopes;
  }

  /** @internal Peers of a kind in a period: asked by every peer-dependent evaluation, computed once a pass. */
  peersIn(kind: string, period: string): string[] {
    let byKind = this.peersMemo.get(period);
    if (!byKind) this.peersMemo.set(period, (byKind = new Map()));
    let peers = byKind.get(kind);
    if (!peers) byKind.set(kind, (peers = this.scopesIn(period).filter((s) => scopeKind(s) === kind)));
    return peers;
  }

  evaluate(id: string, scope: string, period: string): MetricResult {
    const pass = this.passOf(scope, period);
    const cached = pass.results.get(id);
    if (cached) {
      if (this.frames.length > 0) {
        const read = pass.reads?.get(id);
        if (read) this.readMetric(read);
      }
      return cached;
    }
    const definition = this.byId.get(id);
    if (!definition) throw new Error(`unknown metric ${id}`);
    const kind = scopeKind(scope);
    const tracing = this.tracing;
    if (tracing) this.frames.push(null);
    let result: MetricResult;
    let reads: Reads | null = null;
    try {
      result = definition.scopes.includes(kind as ScopeKind) ? definition.compute(pass) : { value: null, inputs: { reason: `${id} is not defined for ${kind} scopes` } };
    } finally {
      if (tracing) reads = this.frames.pop() ?? null;
    }
    pass.results.set(id, result);
    if (reads) {
      (pass.reads ??= new Map()).set(id, reads);
      // A metric read by another: what it read, the other read too.
      this.readMetric(reads);
    }
    return result;
  }

  /** Every metric whose value may have changed after the state was touched in these periods/scopes. */
  affected(touched: TouchedPeriods | Map<string, Set<string>>): MetricValue[] {
    const results: MetricValue[] = [];
    this.visitAffected(touched, (metric, scope, period, result) => results.push({ metric, scope, period, ...result }));
    return results;
  }

  /**
   * `affected` without building a value object per evaluation: most evaluations change nothing.
   * Touched scopes have every metric evaluated; reached ones only the metrics reading what
   * reached them (`levels`), unless `known` says the scope has no value yet in that period (then
   * everything, as a full evaluation would). A peer-dependent metric is visited for every scope
   * with data in the period when one is evaluated, except a scope not evaluated itself whose
   * `peerInput` is what it was at its last visit.
   *
   * A touched or reached public scope without data in the period any more (its sums there netted
   * back to nothing, its levels were undone) is visited with its final values and then reported
   * to `gone`: a full evaluation would not list it, so a store keeping values drops them.
   */
  visitAffected(
    periods: TouchedPeriods | Map<string, Set<string>>,
    visit: (metric: string, scope: string, period: string, result: MetricResult) => void,
    known: (scope: string, period: string) => boolean = () => false,
    gone?: (scope: string, period: string) => void,
  ): void {
    this.reset();
    const { touched, reached } = periods instanceof Map ? { touched: periods, reached: NOTHING } : periods;
    for (const period of new Set([...touched.keys(), ...reached.keys()])) {
      const scopes = new Set(touched.get(period));
      const reachedOnly: Array<[string, ReachedBy]> = [];
      let present: Set<string> | undefined;
      for (const [scope, by] of reached.get(period) ?? []) {
        if (known(scope, period)) reachedOnly.push([scope, by]);
        // Reached without a value there: evaluated in full if it has data in the period; without
        // data (a level changed, a period it once had values in) there is nothing to store.
        else if ((present ??= new Set(this.scopesIn(period))).has(scope)) scopes.add(scope);
      }
      const publicScopes = [...scopes].filter(isPublic);
      for (const definition of this.catalogue) {
        const { peerInput, levels } = definition;
        const reachedHere = levels && reachedOnly.length > 0 ? reachedOnly.filter(([, by]) => by === ALL_LEVELS || levels.some((c) => by.has(c))).map(([scope]) => scope) : [];
        let evaluated = scopes;
        let targets: string[];
        if (definition.peerDependent) {
          if (reachedHere.length > 0) evaluated = new Set([...scopes, ...reachedHere]);
          if (evaluated.size === 0) continue;
          targets = this.scopesIn(period).filter((s) => definition.scopes.includes(scopeKind(s) as ScopeKind));
        } else {
          targets = (reachedHere.length > 0 ? [...publicScopes, ...reachedHere.filter(isPublic)] : publicScopes).filter((s) => definition.scopes.includes(scopeKind(s) as ScopeKind));
        }
        let lastInputs: Map<string, number | string | null> | undefined;
        if (peerInput) {
          let byPeriod = this.peerInputs.get(definition.id);
          if (!byPeriod) this.peerInputs.set(definition.id, (byPeriod = new Map()));
          lastInputs = byPeriod.get(period);
          if (!lastInputs) byPeriod.set(period, (lastInputs = new Map()));
        }
        for (const scope of targets) {
          if (peerInput && lastInputs) {
            const input = peerInput(this.passOf(scope, period));
            const unchanged = !evaluated.has(scope) && lastInputs.has(scope) && lastInputs.get(scope) === input;
            lastInputs.set(scope, input);
            if (unchanged) continue;
          }
          visit(definition.id, scope, period, this.evaluate(definition.id, scope, period));
        }
      }
      if (gone) {
        present ??= new Set(this.scopesIn(period));
        for (const scope of publicScopes) if (!present.has(scope)) gone(scope, period);
        for (const [scope] of reachedOnly) if (isPublic(scope) && !present.has(scope)) gone(scope, period);
      }
    }
  }

  /** Every metric for every scope with data in a period. */
  all(period: string, scopeFilter?: string, metricFilter?: string): MetricValue[] {
    const scopes = scopeFilter ? [scopeFilter] : this.scopesIn(period);
    const results: MetricValue[] = [];
    for (const definition of this.catalogue) {
      if (metricFilter && definition.id !== metricFilter) continue;
      for (const scope of scopes) {
        if (!definition.scopes.includes(scopeKind(scope) as ScopeKind)) continue;
        results.push({ metric: definition.id, scope, period, ...this.evaluate(definition.id, scope, period) });
      }
    }
    return results;
  }

  /**
   * Per period: how far it has happened as of the clock's day (memoised while the clock stays in
   * that day — it moves with every event, its day rarely; formulas ask constantly).
   */
  private readonly days = new Map<string, { readonly clockDay: string; readonly days: { today: string; untilDay: string; asOfDay: string } }>();

  private daysOf(period: string) {
    const clockDay = dayOf(this.state.clock);
    let known = this.days.get(period);
    if (!known || known.clockDay !== clockDay) {
      const { start, end } = periodBounds(period);
      const today = clockDay ? addDays(clockDay, 1) : end;
      const untilDay = today < end ? (today > start ? today : start) : end;
      // "At period end or now", whichever comes first: a period not started yet reads its levels
      // now, not on the eve of its start — by then every open deal untouched today would count as stalled.
      const asOfDay = addDays(today < end ? today : end, -1);
      this.days.set(period, (known = { clockDay, days: { today, untilDay, asOfDay } }));
    }
    return known.days;
  }

  private passOf(scope: string, period: string): Pass {
    let byPeriod = this.passes.get(scope);
    if (!byPeriod) this.passes.set(scope, (byPeriod = new Map()));
    let pass = byPeriod.get(period);
    if (!pass) byPeriod.set(period, (pass = new Pass(this, this.state, this.config, scope, period, this.daysOf(period))));
    return pass;
  }
}

/**
 * One scope and period in a pass: the formula context its metrics share (one object, its
 * methods on the prototype — a pass creates one for every peer of a ranking, hundreds a batch
 * over a large organisation), the results so far and what each read. Within a pass the state
 * does not change: the scope's own sums are read from one map. While a pass records reads
 * (`frames`), each input read that the batch changed is noted (`read`).
 */
class Pass implements MetricContext {
  readonly results = new Map<string, MetricResult>();
  /** What each metric's formula read that the batch changed (only while tracing). */
  reads: Map<string, Reads> | null = null;
  readonly untilDay: string;
  readonly asOfDay: string;
  private readonly today: string;
  /** The scope's own totals in the period, looked up at the first sum read: most passes of a ranking's peers read none. */
  private ownTotals: ReadonlyMap<string, TotalCell> | undefined;
  private ownLooked = false;

  constructor(
    private readonly evaluator: MetricEvaluator,
    private readonly state: MetricState,
    readonly config: MetricsConfig,
    readonly scope: string,
    readonly period: string,
    days: { readonly today: string; readonly untilDay: string; readonly asOfDay: string },
  ) {
    this.today = days.today;
    this.untilDay = days.untilDay;
    this.asOfDay = days.asOfDay;
  }

  private get own(): ReadonlyMap<string, TotalCell> | undefined {
    if (!this.ownLooked) {
      this.ownTotals = this.state.totalsOf(this.scope, this.period);
      this.ownLooked = true;
    }
    return this.ownTotals;
  }

  sum(counter: string, s = this.scope, p = this.period): number {
    const cell = s === this.scope && p === this.period ? this.own?.get(counter) : this.state.totalCell(counter, s, p);
    if (cell === undefined) return 0;
    this.evaluator.read(cell);
    return cell.value;
  }

  scopesWith(counter: string, p = this.period): string[] {
    return this.state.scopesWith(counter, p);
  }

  childSums(counter: string, s = this.scope, p = this.period): ReadonlyMap<string, number> {
    const sums = this.state.childSums(counter, s, p);
    this.evaluator.read(sums);
    return sums;
  }

  topChildren(counter: string, n: number, prefix: string, s = this.scope, p = this.period): TopChildren {
    // What it ranks is the child sums: a change of any of them is a cause of what it gives.
    this.evaluator.read(this.state.childSums(counter, s, p));
    return this.state.topChildren(counter, s, p, n, prefix);
  }

  levelOn(counter: string, s = this.scope, day = this.asOfDay): number {
    if (this.evaluator.frames.length > 0) this.evaluator.read(this.state.levelKey(counter, s), day);
    return this.state.levelOn(counter, s, day);
  }

  averageLevel(counter: string, s = this.scope, p = this.period): number | null {
    if (p === this.period) return this.averageUntil(counter, s, p, this.untilDay);
    const bounds = periodBounds(p);
    return this.averageUntil(counter, s, p, this.today < bounds.end ? this.today : bounds.end);
  }

  metric(id: string, s = this.scope, p = this.period): MetricResult {
    return this.evaluator.evaluate(id, s, p);
  }

  peers(kind: ScopeKind, p = this.period): readonly string[] {
    return this.evaluator.peersIn(kind, p);
  }

  private averageUntil(counter: string, s: string, p: string, until: string): number | null {
    // The average over the period's days before `until` moves with a change on any of them (or before).
    if (this.evaluator.frames.length > 0) {
      const { end } = periodBounds(p);
      this.evaluator.read(this.state.levelKey(counter, s), addDays(until < end ? until : end, -1));
    }
    return this.state.averageLevel(counter, s, p, until);
  }
}
