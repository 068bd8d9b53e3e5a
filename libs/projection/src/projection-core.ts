import { MAX_ALSO_CAUSED_BY, PoisonEvent, readEvent } from '@quotient/contracts';
import type { EventEnvelope } from '@quotient/kernel';
import { applyEvent, DirtyList, EntityMemo, EntityRecord, foldRouter, MetricDefinition, MetricEvaluator, MetricFold, MetricResult, MetricsConfig, MetricState, TouchedPeriods } from '@quotient/metrics';
import type { DeadLetter, ProjectionCounters, ReadModelBatch, ReadModelSnapshot, StoredMetricChange, StoredMetricValue } from './read-model.port';

/** Entities netted per slice when a large backlog is settled in turns (~20–60 ms of work here). */
export const SETTLE_SLICE = 2_000;

/** Rows collected per slice when a batch is collected in turns (~20–50 ms of work here). */
const COLLECT_SLICE = 20_000;

/** Rows loaded into memory per slice when a restart loads the read models in turns (~40 ms here). */
const LOAD_SLICE = 20_000;

/** The stored values of the version a rebuild replaces (see `ProjectionCore.inherit`). */
export type PredecessorValues = (metric: string, scope: string, period: string) => StoredMetricValue | undefined;

export interface BatchOutcome {
  readonly changes: StoredMetricChange[];
  readonly deadLetters: DeadLetter[];
  readonly applied: number;
}

/**
 * What the state remembers of an event as the cause of what it changed: enough to name it on a
 * MetricChanged, not the envelope — the state holds the cause of every entity not netted yet
 * and of every period and scope not evaluated yet, which over a backlog is hundreds of
 * thousands, and an envelope carries its whole payload.
 */
type Cause = Pick<EventEnvelope, 'id' | 'streamId' | 'revision' | 'position' | 'occurredAt'>;

/**
 * A stream's last applied revision, whether it changed since the last flush, and the entities its
 * events used last (the state finds them there first, see EntityMemo).
 */
interface StreamSlot extends EntityMemo {
  readonly id: string;
  revision: number;
  dirty: boolean;
}

/** A metric value as last stored, and whether it changed since the last flush. */
interface ValueSlot {
  value: StoredMetricValue;
  dirty: boolean;
  /** Dropped since the last flush (its scope has no data in the period any more). */
  removed?: boolean;
  /** While not announcing (a rebuild): the event that last changed the value, for its correction. */
  cause?: Cause;
}

/**
 * The projection's in-memory heart, shared by the live engine and by `asOf` replays: applies each
 * event exactly once per stream revision, folds it into the metric state, and turns the metrics
 * it touched into MetricChanged records when a value really changed. No I/O.
 */
export class ProjectionCore {
  readonly state: MetricState;
  private readonly streamSlots = new Map<string, StreamSlot>();
  /** period → scope → metric → stored value: three lookups of strings whose hashes are cached, no joined key. */
  private readonly values = new Map<string, Map<string, Map<string, ValueSlot>>>();
  readonly evaluator: MetricEvaluator;
  counters: { -readonly [K in Exclude<keyof ProjectionCounters, 'evaluationPending' | 'building'>]: number } = { eventsApplied: 0, duplicatesSkipped: 0, deadLettered: 0, changesRecorded: 0 };
  /** Events that arrived ahead of a missing revision of their stream, waiting for it. */
  private readonly parked = new Map<string, Map<number, { source: string; envelope: EventEnvelope }>>();
  private readonly dirtyStreams = new DirtyList<StreamSlot>();
  private readonly dirtyValues = new DirtyList<ValueSlot>();
  /** Values dropped since the last flush, by `metric|scope|period` (a value stored again leaves this). */
  private readonly removedValues = new Map<string, readonly [metric: string, scope: string, period: string]>();
  private readonly route;
  /**
   * False while this core is a rebuild that does not serve yet: values are recorded, no change is
   * announced (the version it replaces announces them); `corrections` announces the differences
   * when it takes over.
   */
  get announcing(): boolean {
    return this.isAnnouncing;
  }

  set announcing(on: boolean) {
    this.isAnnouncing = on;
    this.applyCauseNaming();
  }

  private isAnnouncing = true;
  private readonly tracking: boolean;
  private namingEveryCause = true;

  /**
   * Off while catching up over a backlog (one coarse change per value): changes then name only
   * the last event that touched their scope and period, and the state does not keep, for every
   * input of the formulas, the events of the backlog that changed it. On by default; naming needs
   * announcing too.
   */
  nameEveryCause(on: boolean): void {
    this.namingEveryCause = on;
    this.applyCauseNaming();
  }

  private applyCauseNaming(): void {
    // Which events changed what each formula read: kept only while every change is announced (a
    // core that is only queried, an asOf replay, announces nothing: it kept the order of all of
    // its million events).
    this.state.causes.on = this.tracking && this.isAnnouncing && this.namingEveryCause;
  }

  constructor(
    catalogue: readonly MetricDefinition[],
    folds: readonly MetricFold[],
    private readonly config: MetricsConfig,
    /** `tracking: false` for a core that is only queried (asOf): no dirty or touched bookkeeping. */
    options: { readonly tracking?: boolean } = {},
  ) {
    this.tracking = options.tracking !== false;
    // The event reader's checks compiled before the first event (once per process; then nothing).
    readEvent.prepare();
    this.state = new MetricState(options);
    this.route = foldRouter(folds);
    this.evaluator = new MetricEvaluator(this.state, catalogue, config);
    this.applyCauseNaming();
  }

  /** The version a rebuild replaces, while it builds: see `inherit`. */
  private predecessor: PredecessorValues | null = null;

  /**
   * While a rebuild builds: the values of the version it replaces. A value the rebuild finds equal
   * to that version's keeps its position, source and updatedAt — the event that really last
   * changed it, as that version followed it live — instead of the last event of the backlog that
   * touched its scope and period (all a catch-up knows) and the rebuild's own clock: a rebuild of
   * unchanged code changes nothing a reader sees. null when it has taken over (or failed).
   */
  inherit(predecessor: PredecessorValues | null): void {
    this.predecessor = predecessor;
  }

  /** The value of a metric as last stored (changed by an evaluation or loaded). */
  storedValue(metric: string, scope: string, period: string): StoredMetricValue | undefined {
    return this.values.get(period)?.get(scope)?.get(metric)?.value;
  }

  private slotFor(value: StoredMetricValue): ValueSlot {
    let byScope = this.values.get(value.period);
    if (!byScope) this.values.set(value.period, (byScope = new Map()));
    let byMetric = byScope.get(value.scope);
    if (!byMetric) byScope.set(value.scope, (byMetric = new Map()));
    let slot = byMetric.get(value.metric);
    if (!slot) {
      byMetric.set(value.metric, (slot = { value, dirty: false }));
      if (this.removedValues.size > 0) this.removedValues.delete(`${value.metric}|${value.scope}|${value.period}`);
    }
    return slot;
  }

  /**
   * A scope without data in a period any more: its values there are dropped (their last change,
   * to what the formulas give for no data, was announced), as a rebuild would never store them.
   */
  private drop(scope: string, period: string): void {
    const byScope = this.values.get(period);
    const byMetric = byScope?.get(scope);
    if (!byScope || !byMetric) return;
    byScope.delete(scope);
    if (byScope.size === 0) this.values.delete(period);
    for (const [metric, slot] of byMetric) {
      slot.removed = true;
      this.removedValues.set(`${metric}|${scope}|${period}`, [metric, scope, period]);
    }
  }

  /**
   * A rebuild taking over from the version it replaces: one change for each value that differs
   * from what that version stored (a corrected formula or fold, or events it had not applied yet),
   * caused by the event that last changed the value here. Sequence numbers continue the replaced
   * version's. Values the replaced version kept that the rebuild has none of are not announced.
   */
  corrections(replaced: ProjectionCore): StoredMetricChange[] {
    this.counters.changesRecorded = Math.max(this.counters.changesRecorded, replaced.counters.changesRecorded);
    const changes: StoredMetricChange[] = [];
    for (const byScope of this.values.values()) {
      for (const byMetric of byScope.values()) {
        for (const slot of byMetric.values()) {
          const { cause, value: v } = slot;
          slot.cause = undefined;
          const previousValue = replaced.storedValue(v.metric, v.scope, v.period)?.value ?? null;
          if (previousValue === v.value || !cause) continue;
          const causedBy = { eventId: cause.id, streamId: cause.streamId, revision: cause.revision };
          changes.push({ seq: ++this.counters.changesRecorded, metric: v.metric, scope: v.scope, period: v.period, value: v.value, previousValue, unit: v.unit, inputs: v.inputs, causedBy, position: v.position, occurredAt: cause.occurredAt });
        }
      }
    }
    return changes;
  }

  /** Every stream applied, with its last revision (a copy, for inspection and tests). */
  get streams(): ReadonlyMap<string, number> {
    return new Map([...this.streamSlots.values()].map((slot) => [slot.id, slot.revision]));
  }

  private streamSlot(id: string): StreamSlot {
    let slot = this.streamSlots.get(id);
    if (!slot) this.streamSlots.set(id, (slot = { id, revision: -1, dirty: false, memo0: null, memo1: null }));
    return slot;
  }

  get parkedCount(): number {
    let count = 0;
    for (const stream of this.parked.values()) count += stream.size;
    return count;
  }

  load(snapshot: ReadModelSnapshot): void {
    for (const _ of this.loading(snapshot));
  }

  /**
   * `load` with `pause` (a turn of the event loop) every LOAD_SLICE rows: a restart over a
   * 1M-event read model loads ~1.5M of them, seconds in one go, and the service answers meanwhile
   * (that it is starting). Same result.
   */
  async loadInSlices(snapshot: ReadModelSnapshot, pause: () => Promise<void>): Promise<void> {
    for (const _ of this.loading(snapshot)) await pause();
  }

  private *loading(snapshot: ReadModelSnapshot): Generator<void, void, void> {
    let rows = 0;
    for (const [key, value] of snapshot.sums) {
      this.state.loadSum(key, value);
      if (++rows % LOAD_SLICE === 0) yield;
    }
    for (const [series, day, delta] of snapshot.levels) {
      this.state.loadLevel(series, day, delta);
      if (++rows % LOAD_SLICE === 0) yield;
    }
    for (const [key, record] of snapshot.entities) {
      this.state.loadEntity(key, record);
      if (++rows % LOAD_SLICE === 0) yield;
    }
    for (const [stream, revision] of snapshot.streams) {
      this.streamSlot(stream).revision = revision;
      if (++rows % LOAD_SLICE === 0) yield;
    }
    for (const value of snapshot.metricValues) {
      this.slotFor(value).value = value;
      this.state.loadValueOf(value.period, value.scope);
      if (++rows % LOAD_SLICE === 0) yield;
    }
    this.state.loadClock(snapshot.clock);
    const { eventsApplied, duplicatesSkipped, deadLettered, changesRecorded } = snapshot.counters;
    this.counters = { eventsApplied, duplicatesSkipped, deadLettered, changesRecorded: changesRecorded ?? 0 };
  }

  /** Applies a batch from one source; `evaluate: false` defers metric evaluation (bulk replays). */
  applyBatch(source: string, envelopes: readonly EventEnvelope[], evaluate = true, now = new Date().toISOString()): BatchOutcome {
    const deadLetters: DeadLetter[] = [];
    let applied = 0;
    for (const envelope of envelopes) applied += this.offer(source, envelope, deadLetters, now);
    return { changes: evaluate ? this.evaluateTouched(now) : [], deadLetters, applied };
  }

  /** Evaluates everything touched since the last evaluation (or everything) and records real changes. */
  evaluateTouched(now = new Date().toISOString(), everything = false): StoredMetricChange[] {
    const periods = this.takePeriods(everything);
    if (periods.touched.size === 0 && periods.reached.size === 0) return [];
    const changes: StoredMetricChange[] = [];
    this.visitInto(periods, changes, now);
    return changes;
  }

  /**
   * `evaluateTouched` for a catch-up's whole backlog, which takes seconds: the entities are
   * settled in slices and the periods evaluated one at a time, with `pause` (a turn of the event
   * loop) in between, so a rebuild does not stop the version that serves. Same result.
   */
  async evaluateTouchedInSlices(pause: () => Promise<void>, now = new Date().toISOString(), everything = false): Promise<StoredMetricChange[]> {
    await this.settleInSlices(pause);
    await this.state.prepareReadsInSlices(pause);
    const periods = this.takePeriods(everything);
    await pause();
    const changes: StoredMetricChange[] = [];
    for (const period of new Set([...periods.touched.keys(), ...periods.reached.keys()])) {
      const touched = periods.touched.get(period);
      const reached = periods.reached.get(period);
      this.visitInto({ touched: new Map(touched ? [[period, touched]] : []), reached: new Map(reached ? [[period, reached]] : []) }, changes, now);
      await pause();
    }
    return changes;
  }

  /** Nets the pending entities SETTLE_SLICE at a time, with `pause` between the slices. */
  async settleInSlices(pause: () => Promise<void>): Promise<void> {
    while (!this.state.settleSome(SETTLE_SLICE)) await pause();
  }

  /** What to evaluate: what was touched since the last take (taken in any case), or everything. */
  private takePeriods(everything: boolean): TouchedPeriods {
    const taken = this.state.takeTouched();
    return everything ? { touched: this.state.everyPeriodAndScope(), reached: new Map() } : taken;
  }

  private visitInto(periods: TouchedPeriods | Map<string, Set<string>>, changes: StoredMetricChange[], now: string): void {
    this.evaluator.visitAffected(
      periods,
      (metric, scope, period, result) => {
        const change = this.record(metric, scope, period, result, now);
        if (change) changes.push(change);
      },
      (scope, period) => this.values.get(period)?.has(scope) ?? false,
      (scope, period) => this.drop(scope, period),
    );
  }

  /** The changes since the last collection, for the store to write in one batch. */
  collectBatch(checkpoints: Record<string, number>, changes: readonly StoredMetricChange[], deadLetters: readonly DeadLetter[]): ReadModelBatch {
    const collecting = this.collecting(checkpoints, changes, deadLetters);
    for (;;) {
      const step = collecting.next();
      if (step.done) return step.value;
    }
  }

  /**
   * `collectBatch` with `pause` (a turn of the event loop) every COLLECT_SLICE rows: a catch-up's
   * batch holds millions (1.9 s in one go over a 1M-event rebuild). Nothing may change the state
   * until it resolves.
   */
  async collectBatchInSlices(checkpoints: Record<string, number>, changes: readonly StoredMetricChange[], deadLetters: readonly DeadLetter[], pause: () => Promise<void>): Promise<ReadModelBatch> {
    const collecting = this.collecting(checkpoints, changes, deadLetters);
    for (;;) {
      const step = collecting.next();
      if (step.done) return step.value;
      await pause();
    }
  }

  /** Collects the batch, yielding every COLLECT_SLICE rows; the batch is a snapshot (entity records copied). */
  private *collecting(checkpoints: Record<string, number>, changes: readonly StoredMetricChange[], deadLetters: readonly DeadLetter[]): Generator<void, ReadModelBatch, void> {
    const { state } = this;
    state.settle();
    let rows = 0;
    const sums: Array<readonly [string, number]> = [];
    for (const atom of state.dirtySumAtoms) {
      sums.push([atom.key, atom.value]);
      if (++rows % COLLECT_SLICE === 0) yield;
    }
    const levels: Array<readonly [string, string, number]> = [];
    for (const cell of state.dirtyLevelCells) {
      levels.push([cell.key, cell.when, state.levelDelta(cell)]);
      if (++rows % COLLECT_SLICE === 0) yield;
    }
    // A snapshot of each record, not the entity: the state may change while the batch is written.
    const entities: Array<readonly [string, EntityRecord]> = [];
    for (const slot of state.dirtyEntitySlots) {
      entities.push([slot.key, slot.snapshot()]);
      if (++rows % COLLECT_SLICE === 0) yield;
    }
    const metricValues: StoredMetricValue[] = [];
    for (const slot of this.dirtyValues.list) {
      if (!slot.removed) metricValues.push(slot.value);
      if (++rows % COLLECT_SLICE === 0) yield;
    }
    const batch: ReadModelBatch = {
      sums,
      levels,
      entities,
      streams: this.dirtyStreams.list.map((slot) => [slot.id, slot.revision] as const),
      checkpoints,
      clock: state.clock,
      counters: { ...this.counters },
      metricValues,
      removedValues: [...this.removedValues.values()],
      changes,
      deadLetters,
    };
    state.clearDirty();
    this.dirtyStreams.clear();
    this.dirtyValues.clear();
    this.removedValues.clear();
    return batch;
  }

  private offer(source: string, envelope: EventEnvelope, deadLetters: DeadLetter[], now: string): number {
    const known = this.streamSlots.get(envelope.streamId);
    const last = known ? known.revision : -1;
    if (envelope.revision <= last) {
      this.counters.duplicatesSkipped++;
      return 0;
    }
    if (envelope.revision > last + 1) {
      let waiting = this.parked.get(envelope.streamId);
      if (!waiting) this.parked.set(envelope.streamId, (waiting = new Map()));
      waiting.set(envelope.revision, { source, envelope });
      return 0;
    }
    const stream = known ?? this.streamSlot(envelope.streamId);
    let applied = this.applyInOrder(stream, source, envelope, deadLetters, now);
    const waiting = this.parked.get(envelope.streamId);
    let next = envelope.revision + 1;
    while (waiting?.has(next)) {
      const parked = waiting.get(next)!;
      waiting.delete(next);
      applied += this.applyInOrder(stream, parked.source, parked.envelope, deadLetters, now);
      next++;
    }
    if (waiting && waiting.size === 0) this.parked.delete(envelope.streamId);
    return applied;
  }

  private applyInOrder(stream: StreamSlot, source: string, envelope: EventEnvelope, deadLetters: DeadLetter[], now: string): number {
    stream.revision = envelope.revision;
    this.dirtyStreams.mark(stream);
    // A core that is only queried (asOf) names no cause: it would keep one per entity until it settles.
    const cause: Cause | null = this.tracking ? { id: envelope.id, streamId: envelope.streamId, revision: envelope.revision, position: envelope.position, occurredAt: envelope.occurredAt } : null;
    this.state.cause = cause;
    this.state.memo = stream;
    this.state.causes.event(cause);
    try {
      const event = readEvent(envelope.type, envelope.schemaVersion, envelope.data);
      applyEvent(this.state, this.route, event, envelope, this.config);
      this.counters.eventsApplied++;
      return 1;
    } catch (error) {
      const reason = error instanceof PoisonEvent ? `invalid event: ${error.reason}` : `fold failed: ${error instanceof Error ? error.message : String(error)}`;
      deadLetters.push({
        source,
        eventId: envelope.id,
        streamId: envelope.streamId,
        revision: envelope.revision,
        position: envelope.position,
        type: envelope.type,
        reason,
        recordedAt: now,
        payload: envelope.data,
      });
      this.counters.deadLettered++;
      return 0;
    } finally {
      this.state.cause = null;
      this.state.memo = null;
    }
  }

  private record(metric: string, scope: string, period: string, result: MetricResult, now: string): StoredMetricChange | null {
    const existing = this.values.get(period)?.get(scope)?.get(metric);
    const previous = existing?.value;
    const changed = (previous?.value ?? null) !== result.value;
    // An unchanged value is not rewritten: queries evaluate inputs fresh, the stored record keeps
    // the value, its position and when it last changed.
    if (!changed && previous) return null;
    const definition = this.evaluator.definition(metric)!;
    // The events that changed what the formula read; else (its value moved with the clock, or a
    // catch-up keeps no such record) the last event that touched its scope and period.
    const read = this.evaluator.causesRead(metric, scope, period) as readonly Cause[];
    const cause = read.length > 0 ? read[read.length - 1] : (this.state.causeOf(period, scope) as Cause | null);
    // Where and when the value last changed: as the replaced version followed it live, if this is a
    // rebuild that finds it unchanged; else the cause found here, now.
    const kept = this.predecessor?.(metric, scope, period);
    const origin =
      kept !== undefined && kept.value === result.value
        ? kept
        : { position: cause?.position ?? 0, source: cause ? cause.streamId.slice(0, cause.streamId.indexOf('.')) : (previous?.source ?? ''), updatedAt: now };
    const { position, source, updatedAt } = origin;
    const stored: StoredMetricValue = { metric, scope, period, value: result.value, unit: definition.unit, inputs: result.inputs, position, source, updatedAt };
    const slot = existing ?? this.slotFor(stored);
    slot.value = stored;
    this.dirtyValues.mark(slot);
    if (!this.announcing) {
      if (cause) slot.cause = cause;
      return null;
    }
    if (!changed || !cause) return null;
    // The other events of the batch that changed what it read (the latest MAX_ALSO_CAUSED_BY).
    const others = read.length < 2 ? [] : read.slice(-1 - MAX_ALSO_CAUSED_BY, -1);
    return {
      seq: ++this.counters.changesRecorded,
      metric,
      scope,
      period,
      value: result.value,
      previousValue: previous?.value ?? null,
      unit: definition.unit,
      inputs: result.inputs,
      causedBy: { eventId: cause.id, streamId: cause.streamId, revision: cause.revision },
      ...(others.length > 0 ? { alsoCausedBy: others.map((e) => ({ eventId: e.id, streamId: e.streamId, revision: e.revision })) } : {}),
      position: cause.position,
      occurredAt: cause.occurredAt,
    };
  }
}
