import type { SubscriptionHandle } from '@quotient/eventsourcing';
import type { EventEnvelope } from '@quotient/kernel';
import type { MetricDefinition, MetricFold, MetricsConfig } from '@quotient/metrics';
import { sliceBatch } from './batch-slices';
import { CoalescingQueue } from './coalescing-queue';
import { nextTurn } from './event-loop';
import { type PredecessorValues, ProjectionCore } from './projection-core';
import { RateMeter } from './rate-meter';
import type { DeadLetter, ReadModelBatch, ReadModelStore, StoredMetricChange } from './read-model.port';
import type { ProjectionSource } from './source.port';

export interface ProjectionEngineOptions {
  readonly store: ReadModelStore;
  readonly sources: readonly ProjectionSource[];
  readonly catalogue: readonly MetricDefinition[];
  readonly folds: readonly MetricFold[];
  readonly config: MetricsConfig;
  /** Called after a batch is durable, with the metric changes it made. */
  readonly publish?: (changes: readonly StoredMetricChange[], deadLetters: readonly DeadLetter[]) => void | Promise<void>;
  readonly batchSize?: number;
  /**
   * While catching up over sources that resume from the read model's checkpoint, commit only
   * every this many folded events (default 100,000) or this many milliseconds (default 60,000):
   * counters and entities that change many times are written once per chunk, not once per batch.
   * A chunk is written while the next one is folded; a crash or a stop re-folds at most one
   * chunk. A silent rebuild commits at least every SILENT_CHUNK_EVENTS.
   */
  readonly catchUpCommitEvents?: number;
  readonly catchUpCommitMs?: number;
  /**
   * State rows per transaction when a silent rebuild commits (default 20,000;
   * see sliceBatch): each slice is encoded on the serving thread (~20 ms here), and a store with a
   * writer thread writes it there while the next slice is encoded or events are folded.
   */
  readonly rebuildCommitRows?: number;
  readonly onError?: (error: unknown, source: string) => void;
}

/**
 * Fewest events per commit of a silent rebuild's catch-up. Over the 1M-event history, in runs
 * alternating with the previous code: 44–50 s with one chunk, 52 s with chunks of 300,000, no
 * better than one chunk on the serving thread with chunks of 100,000 (the overlap with the writer
 * thread is eaten by rewriting what changed across chunks) — differences near the machine's noise.
 */
const SILENT_CHUNK_EVENTS = 1_000_000;

/** A batch from one source, and which generation of subscriptions delivered it. */
interface Delivery {
  readonly source: string;
  readonly events: readonly EventEnvelope[];
  readonly generation: number;
}

/** Where the engine's time went since it started, in milliseconds (cumulative). */
export interface EngineTimings {
  /** Applying events: validation, folds, entity bookkeeping. */
  foldMs: number;
  /** Settling entity contributions into counters and evaluating the touched metrics. */
  evaluateMs: number;
  /** Collecting the batch and writing it to the read-model store. */
  writeMs: number;
  commits: number;
}

export interface SourceStatus {
  readonly source: string;
  /** Position of the last event durably committed to the read models. */
  readonly position: number;
  /** Position of the last event folded in memory: ahead of `position` while a catch-up chunk is not committed yet. */
  readonly appliedPosition: number;
  readonly lastPosition: number;
  readonly lag: number;
  readonly caughtUp: boolean;
}

/**
 * Runs the projection: resumes every source from its checkpoint, folds batches one at a time
 * (sources interleave, a stream's order is kept), commits read models and checkpoints together,
 * and publishes metric changes only once they are durable.
 */
export class ProjectionEngine {
  core: ProjectionCore;
  private publishing: boolean;
  private announcing = true;
  /** Durable: the positions of the last committed batch. */
  private readonly checkpoints: Record<string, number> = {};
  /** Folded: positions of the last batch applied in memory (ahead of `checkpoints` during a chunked catch-up). */
  private readonly folded: Record<string, number> = {};
  /** Dead letters and event counts folded but not committed yet (chunked catch-up). */
  private uncommitted = { events: 0, deadLetters: [] as DeadLetter[], since: 0 };
  private restarting: Promise<void> | null = null;
  /** Incremented by a restart: batches delivered by an older generation of subscriptions are dropped. */
  private generation = 0;
  private readonly caughtUp = new Set<string>();
  private handles: SubscriptionHandle[] = [];
  /** Batches from every source, folded one group at a time (batches that pile up during a write form one group). */
  private readonly queue = new CoalescingQueue<Delivery>((group) => this.process(group));
  private readonly rate = new RateMeter();
  private lastError: string | null = null;
  /** A silent rebuild whose sliced commit failed half-way: its store is inconsistent, it cannot go on. */
  private broken: Error | null = null;
  private readonly spent: EngineTimings = { foldMs: 0, evaluateMs: 0, writeMs: 0, commits: 0 };
  /**
   * A catch-up chunk being written while the next events are folded (at most one): its commit
   * is collected from the state first, so folding on changes nothing in it. Resolves when the
   * chunk is durable or its failure is handled (see `write`).
   */
  private writing: Promise<void> | null = null;
  /**
   * While catching up (until every source has delivered its backlog once) batches are folded
   * without evaluating metrics; one evaluation pass follows. Values are exact either way; only
   * the value history of a catch-up is coarser (one change per value instead of one per batch).
   */
  private catchingUp = true;
  private pendingFullEvaluation = false;
  readonly startedAt = new Date().toISOString();

  constructor(private readonly options: ProjectionEngineOptions) {
    this.core = new ProjectionCore(options.catalogue, options.folds, options.config);
    this.publishing = options.publish !== undefined;
  }

  /** A rebuild runs silent and starts publishing when it becomes the live version. */
  setPublishing(on: boolean): void {
    this.publishing = on && this.options.publish !== undefined;
  }

  private predecessor: PredecessorValues | null = null;

  /** A rebuild: the values of the version it replaces, kept by every core it builds (see `ProjectionCore.inherit`). */
  inherit(predecessor: PredecessorValues | null): void {
    this.predecessor = predecessor;
    this.core.inherit(predecessor);
  }

  /** A rebuild records values without announcing changes until it takes over (see `takeOver`). */
  setAnnouncing(on: boolean): void {
    this.announcing = on;
    this.core.announcing = on;
    this.core.nameEveryCause(!this.catchingUp);
  }

  /**
   * Makes this engine (a silent rebuild, caught up) the live one, in its own queue so no batch
   * interleaves: carries the value history of the version it replaces over (same sequence
   * numbers, so SSE resumes and the Kafka outbox continue), stops that version, carries what it
   * recorded meanwhile, then announces and publishes one change for each value that differs from
   * what the replaced version stored (`ProjectionCore.corrections`). From then on it announces
   * and publishes like any live engine. Resolves with the corrections.
   */
  takeOver(replaced: { readonly store: ReadModelStore; readonly core: () => ProjectionCore; stop(): Promise<void> }): Promise<StoredMetricChange[]> {
    let corrections: StoredMetricChange[] = [];
    const work = async () => {
      // Silent until now, its commits were not made durable one by one (see start).
      await this.options.store.durability?.('immediate');
      const copied = await this.carryHistory(replaced.store, 0);
      await replaced.stop();
      await this.carryHistory(replaced.store, copied);
      corrections = this.core.corrections(replaced.core());
      this.setAnnouncing(true);
      await this.commit({ ...this.folded }, corrections, [], false);
      this.setPublishing(true);
      if (this.publishing && corrections.length > 0) await this.options.publish?.(corrections, []);
    };
    return this.queue
      .chain(work, (error) => {
        this.lastError = `take-over: ${error instanceof Error ? error.message : String(error)}`;
      })
      .then(() => corrections);
  }

  /** Copies another version's value history after `seq` into this one's store; the last seq copied. */
  private async carryHistory(from: ReadModelStore, seq: number): Promise<number> {
    const copied = await this.options.store.copyHistoryFrom?.(from, seq);
    if (copied !== undefined && copied !== null) {
      this.core.counters.changesRecorded = Math.max(this.core.counters.changesRecorded, copied);
      return copied;
    }
    for (;;) {
      const changes = await from.changesAfter(seq, 20_000);
      if (changes.length === 0) return seq;
      seq = changes[changes.length - 1].seq;
      this.core.counters.changesRecorded = Math.max(this.core.counters.changesRecorded, seq);
      await this.commit({ ...this.folded }, changes, [], false);
    }
  }

  async start(): Promise<void> {
    // A silent rebuild's store serves nobody and is discarded if the rebuild does not finish:
    // its commits need not wait for the disk until it takes over.
    const { store } = this.options;
    if (!this.announcing) await store.durability?.('deferred');
    let snapshot = await store.load();
    if (snapshot.counters.building && store.clear) {
      // Left by an earlier version, which wrote a first build in slices and marked them until the
      // last: a build that did not finish, part of it written ahead of its checkpoints.
      await store.clear();
      snapshot = await store.load();
    }
    this.core = new ProjectionCore(this.options.catalogue, this.options.folds, this.options.config);
    this.core.announcing = this.announcing;
    this.core.inherit(this.predecessor);
    await this.core.loadInSlices(snapshot, nextTurn);
    this.catchingUp = true;
    this.core.nameEveryCause(false);
    // A crash during a catch-up left values unevaluated: evaluate everything once caught up.
    this.pendingFullEvaluation = snapshot.counters.evaluationPending === true;
    for (const source of this.options.sources) this.checkpoints[source.name] = this.folded[source.name] = snapshot.checkpoints[source.name] ?? 0;
    this.uncommitted = { events: 0, deadLetters: [], since: Date.now() };
    this.caughtUp.clear();
    const generation = this.generation;
    this.handles = this.options.sources.map((source) =>
      source.subscription.subscribe({
        after: this.checkpoints[source.name],
        batchSize: this.options.batchSize ?? 2000,
        onBatch: (events) => this.queue.offer({ source: source.name, events, generation }),
        onCaughtUp: () => {
          if (generation !== this.generation) return;
          this.caughtUp.add(source.name);
          if (this.catchingUp && this.caughtUp.size === this.options.sources.length) void this.enqueueEvaluation(generation);
        },
        onError: (error) => {
          if (generation !== this.generation) return;
          this.lastError = `${source.name}: ${error instanceof Error ? error.message : String(error)}`;
          this.options.onError?.(error, source.name);
        },
      }),
    );
  }

  /**
   * Resolves once every source has delivered everything it had and the catch-up is evaluated
   * (after a restart, by the new subscriptions).
   */
  async whenCaughtUp(): Promise<void> {
    while ((this.catchingUp || this.restarting) && !this.broken) await this.queue.idle().then(() => new Promise((resolve) => setTimeout(resolve, 2)));
    await this.queue.idle();
    if (this.broken) throw this.broken;
  }

  /** Resolves once every source's checkpoint has reached its current last position. */
  async settle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.sourceStatus();
      if (status.every((s) => s.lag === 0) && !this.catchingUp) return this.queue.idle();
      if (Date.now() > deadline) throw new Error(`projection did not settle: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    await this.restarting;
    await Promise.all(this.handles.map((h) => h.stop()));
    await this.queue.idle();
    await this.writing;
  }

  /**
   * After a failed commit of a chunked catch-up the subscriptions have moved past batches that
   * are not durable: stop them, reload what is, and subscribe again from there.
   */
  private restart(): void {
    if (this.restarting) return;
    this.generation++;
    this.restarting = (async () => {
      await Promise.all(this.handles.map((h) => h.stop()));
      await this.queue.idle();
      await this.start();
    })()
      .catch((error: unknown) => {
        this.lastError = `restart: ${error instanceof Error ? error.message : String(error)}`;
        this.options.onError?.(error, 'engine');
      })
      .finally(() => (this.restarting = null));
  }

  async sourceStatus(): Promise<SourceStatus[]> {
    return Promise.all(
      this.options.sources.map(async (source) => {
        const lastPosition = await source.lastPosition();
        const position = this.checkpoints[source.name] ?? 0;
        return { source: source.name, position, appliedPosition: Math.max(position, this.folded[source.name] ?? 0), lastPosition, lag: Math.max(0, lastPosition - position), caughtUp: this.caughtUp.has(source.name) };
      }),
    );
  }

  /** Events applied per second over the last ten seconds. */
  eventsPerSecond(): number {
    return this.rate.perSecond();
  }

  timings(): EngineTimings {
    const { foldMs, evaluateMs, writeMs, commits } = this.spent;
    return { foldMs: Math.round(foldMs), evaluateMs: Math.round(evaluateMs), writeMs: Math.round(writeMs), commits };
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Ends the catch-up: evaluates what it touched (or everything after a crash) and commits. */
  private enqueueEvaluation(generation: number): Promise<void> {
    const evaluate = async () => {
      if (!this.catchingUp || generation !== this.generation || this.broken) return;
      // The evaluation runs while a chunk is written: the one still being written, or else what the
      // catch-up folded since its last commit, written first as a chunk (over 600k events of the
      // bench history, a silent rebuild that otherwise wrote everything after evaluating took
      // 17.7–24.2 s, mean 20.5, against 17.2–20.5 s, mean 19.1). A chunk is collected as a snapshot, so nothing
      // evaluated changes it, and a store that writes on a thread of its own (SQLite) or over the
      // network writes it meanwhile (over the 1M-event history the serving thread waited ~4 s for
      // it here, and the writer then for the evaluation). The evaluation works in slices, with
      // turns of the event loop between: a rebuild must not stop the serving version.
      if (this.writing === null && this.uncommitted.events > 0) await this.writeChunk({ ...this.folded });
      const evaluating = performance.now();
      const changes = await this.core.evaluateTouchedInSlices(nextTurn, new Date().toISOString(), this.pendingFullEvaluation);
      this.spent.evaluateMs += performance.now() - evaluating;
      await this.writing;
      // The chunk failed meanwhile: the engine restarts from what is durable (a new core), or a
      // rebuild is given up; this evaluation is dropped with the state it evaluated.
      if (generation !== this.generation || this.broken) return;
      const deadLetters = this.uncommitted.deadLetters;
      await this.commit({ ...this.folded }, changes, deadLetters, false);
      this.catchingUp = false;
      this.core.nameEveryCause(true);
      this.pendingFullEvaluation = false;
      if (this.publishing && (changes.length > 0 || deadLetters.length > 0)) await this.options.publish?.(changes, deadLetters);
    };
    return this.queue.chain(evaluate, (error) => {
      this.lastError = `evaluation: ${error instanceof Error ? error.message : String(error)}`;
    });
  }

  /**
   * Folds a group of batches together (one evaluation, one transaction), each source's
   * checkpoint advanced to its own last event.
   */
  private async process(group: readonly Delivery[]): Promise<void> {
    if (this.broken) return; // a rebuild given up folds nothing more
    // Batches of subscriptions a restart replaced are dropped: the new ones deliver them again.
    const nonEmpty = group.filter((item) => item.events.length > 0 && item.generation === this.generation);
    if (nonEmpty.length === 0) return;
    const checkpoints = { ...this.folded };
    const outcome = { applied: 0, deadLetters: [] as DeadLetter[], changes: [] as StoredMetricChange[] };
    const folding = performance.now();
    for (const { source, events } of nonEmpty) {
      const applied = this.core.applyBatch(source, events, false);
      outcome.applied += applied.applied;
      outcome.deadLetters.push(...applied.deadLetters);
      // The highest position applied: a partitioned source (Kafka) may deliver lower ones later.
      checkpoints[source] = Math.max(checkpoints[source] ?? 0, events[events.length - 1].position);
    }
    this.spent.foldMs += performance.now() - folding;
    this.rate.record(outcome.applied);
    if (this.catchingUp && this.chunked()) {
      Object.assign(this.folded, checkpoints);
      this.uncommitted.events += outcome.applied;
      this.uncommitted.deadLetters.push(...outcome.deadLetters);
      const { catchUpCommitEvents = 100_000, catchUpCommitMs = 60_000 } = this.options;
      // A silent rebuild's chunks protect nothing (a crashed rebuild starts again from scratch):
      // it commits at least every million events, so that entities and counters changed across
      // chunks are written fewer times.
      const chunkEvents = this.announcing ? catchUpCommitEvents : Math.max(catchUpCommitEvents, SILENT_CHUNK_EVENTS);
      if (this.uncommitted.events < chunkEvents && Date.now() - this.uncommitted.since < catchUpCommitMs) return;
      await this.writeChunk(checkpoints);
      return;
    }
    if (!this.catchingUp) {
      const evaluating = performance.now();
      outcome.changes = this.core.evaluateTouched();
      this.spent.evaluateMs += performance.now() - evaluating;
    }
    await this.commit(checkpoints, outcome.changes, outcome.deadLetters, this.catchingUp);
    Object.assign(this.folded, checkpoints);
    if (this.publishing && (outcome.changes.length > 0 || outcome.deadLetters.length > 0)) await this.options.publish?.(outcome.changes, outcome.deadLetters);
  }

  /**
   * Starts writing what the catch-up folded since the last commit, as a chunk whose values are
   * still to evaluate: it is written while the next events are folded or the catch-up evaluated
   * (a store that writes on a thread of its own, or over the network, overlaps the two). One
   * chunk in flight at a time.
   */
  private async writeChunk(checkpoints: Record<string, number>): Promise<void> {
    const deadLetters = this.uncommitted.deadLetters;
    await this.writing;
    const { written } = await this.prepare(checkpoints, [], deadLetters, true);
    this.writing = written
      .then(() => (this.publishing && deadLetters.length > 0 ? this.options.publish?.([], deadLetters) : undefined))
      .catch(() => undefined) // handled by `write` (restart, or a broken rebuild)
      .finally(() => (this.writing = null));
  }

  /** Every source resumes from the checkpoint it is given: a catch-up may commit in chunks. */
  private chunked(): boolean {
    return this.options.sources.every((source) => source.resumesFromCheckpoint === true);
  }

  /** Writes everything folded since the last commit together with `checkpoints`. */
  private async commit(checkpoints: Record<string, number>, changes: StoredMetricChange[], deadLetters: readonly DeadLetter[], evaluationPending: boolean): Promise<void> {
    await (await this.prepare(checkpoints, changes, deadLetters, evaluationPending)).written;
  }

  /**
   * Collects everything folded since the last commit (settled first, in slices) as one batch with
   * `checkpoints`, and starts writing it: resolves with the write under way, which completes (or
   * fails, its failure handled) on its own — the state may change meanwhile.
   */
  private async prepare(checkpoints: Record<string, number>, changes: StoredMetricChange[], deadLetters: readonly DeadLetter[], evaluationPending: boolean): Promise<{ readonly written: Promise<void> }> {
    const settling = performance.now();
    await this.core.settleInSlices(nextTurn);
    this.spent.evaluateMs += performance.now() - settling;
    const collected = await this.core.collectBatchInSlices(checkpoints, changes, deadLetters, nextTurn);
    const batch = { ...collected, counters: { ...collected.counters, evaluationPending } };
    const chunk = this.uncommitted.events > 0;
    this.uncommitted = { events: 0, deadLetters: [], since: Date.now() };
    const written = this.write(batch, checkpoints, chunk);
    written.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
    return { written };
  }

  private async write(batch: ReadModelBatch, checkpoints: Record<string, number>, chunk: boolean): Promise<void> {
    const writing = performance.now();
    try {
      // Whole, in one transaction: a store that writes on a thread of its own (SQLite), or over
      // the network, does not hold the serving thread meanwhile, and a crash or a stop leaves the
      // last whole chunk — a first build goes on from there.
      if (this.announcing) await this.options.store.commit(batch);
      else {
        // A silent rebuild writes in several transactions with turns of the event loop between
        // them (see sliceBatch): nothing depends on its store until it takes over (a crashed
        // rebuild is started again from scratch), and a slice costs the serving thread ~20 ms.
        // Two slices in flight: the next one is handed over (encoded) while the store writes one.
        const slices = sliceBatch(batch, this.options.rebuildCommitRows ?? 20_000);
        try {
          let previous: Promise<void> | null = null;
          for (const [i, slice] of slices.entries()) {
            if (i > 0) await nextTurn();
            const current = this.options.store.commit(slice);
            current.catch(() => undefined); // awaited below
            if (previous) await previous;
            previous = current;
          }
          await previous;
        } catch (error) {
          if (slices.length === 1) throw error; // nothing written
          this.broken = new Error(`rebuild failed writing its read models: ${error instanceof Error ? error.message : String(error)}`);
          this.lastError = this.broken.message;
          throw this.broken;
        }
      }
      this.spent.writeMs += performance.now() - writing;
      this.spent.commits++;
    } catch (error) {
      if (this.broken) throw error;
      if (chunk) {
        // Batches already accepted from the subscriptions are lost with the memory state.
        this.lastError = `read models: ${error instanceof Error ? error.message : String(error)}; re-reading from the last commit`;
        this.options.onError?.(error, 'read models');
        this.restart();
        throw error;
      }
      // The in-memory state ran ahead of the store: reload what is durable, then let the
      // subscription deliver the batch again.
      const snapshot = await this.options.store.load();
      this.core = new ProjectionCore(this.options.catalogue, this.options.folds, this.options.config);
      this.core.announcing = this.announcing;
      this.core.inherit(this.predecessor);
      this.core.nameEveryCause(!this.catchingUp);
      this.core.load(snapshot);
      throw error;
    }
    for (const [source, position] of Object.entries(checkpoints)) this.checkpoints[source] = Math.max(this.checkpoints[source] ?? 0, position);
  }
}
