import type { MetricDefinition, MetricFold, MetricsConfig } from '@quotient/metrics';
import { type AsOfQueries, inProcessAsOf } from './as-of';
import { ChangeHub } from './change-hub';
import { type CoreQuery, type CoreQueryResult, runCoreQuery } from './core-queries';
import type { ProjectionCore } from './projection-core';
import { ProjectionEngine } from './projection-engine';
import type { DeadLetter, ReadModelStore, StoredMetricChange } from './read-model.port';
import type { ProjectionSource } from './source.port';

/** Numbered read-model versions: one serves, a rebuild fills the next, then takes over. */
export interface ReadModelVersions {
  current(): Promise<number>;
  open(version: number): Promise<ReadModelStore>;
  activate(version: number): Promise<void>;
  discard(version: number): Promise<void>;
}

export interface ProjectionServiceOptions {
  readonly versions: ReadModelVersions;
  /** The logs to follow; a function when each read-model version needs its own (Kafka consumer groups). */
  readonly sources: readonly ProjectionSource[] | ((version: number) => readonly ProjectionSource[]);
  /** Sources for `asOf` replays (default: the sources of version 1). */
  readonly historySources?: readonly ProjectionSource[];
  /** Called when a version starts serving (at start, and after a rebuild switched). */
  readonly onLive?: (version: number, store: ReadModelStore) => void | Promise<void>;
  readonly catalogue: readonly MetricDefinition[];
  readonly folds: readonly MetricFold[];
  readonly config: MetricsConfig;
  /** Extra sink for durable changes (e.g. the Kafka outbox's wake-up). */
  readonly onChanges?: (changes: readonly StoredMetricChange[], deadLetters: readonly DeadLetter[]) => void;
  readonly batchSize?: number;
  /** Most events the kept `asOf` replays may hold together (default 1,000,000: ~0.9 GB of heap). */
  readonly asOfCacheEvents?: number;
  /**
   * Where `asOf` queries are answered (default: replays in this thread, over `historySources`);
   * closed when the service stops.
   */
  readonly asOf?: AsOfQueries;
  /** See ProjectionEngineOptions.catchUpCommitEvents. */
  readonly catchUpCommitEvents?: number;
}

export type RebuildState =
  | { readonly state: 'idle'; readonly lastRebuild?: { version: number; finishedAt: string; events: number; seconds: number }; readonly lastError?: string }
  | { readonly state: 'running'; readonly version: number; readonly startedAt: string; readonly eventsApplied: number };

/**
 * The projection as a running service: the live engine over the current read-model version,
 * live change fan-out, `asOf` replays, and rebuilds into a new version that switch when caught up.
 */
export class ProjectionService {
  readonly hub = new ChangeHub();
  private live!: { engine: ProjectionEngine; store: ReadModelStore; version: number; sources: readonly ProjectionSource[] };
  private rebuilding: { engine: ProjectionEngine; store: ReadModelStore; version: number; startedAt: string; sources: readonly ProjectionSource[] } | null = null;
  private lastRebuild: { version: number; finishedAt: string; events: number; seconds: number } | undefined;
  private rebuildError: string | undefined;
  private readonly asOfQueries: AsOfQueries;

  constructor(private readonly options: ProjectionServiceOptions) {
    this.asOfQueries =
      options.asOf ??
      inProcessAsOf({ sources: () => this.historySources, catalogue: options.catalogue, folds: options.folds, config: options.config, maxEvents: options.asOfCacheEvents ?? 1_000_000 });
  }

  async start(): Promise<void> {
    const version = await this.options.versions.current();
    const store = await this.options.versions.open(version);
    const sources = this.sourcesFor(version);
    const engine = this.createEngine(store, true, sources);
    await engine.start();
    this.live = { engine, store, version, sources };
    await this.options.onLive?.(version, store);
  }

  private sourcesFor(version: number): readonly ProjectionSource[] {
    const { sources } = this.options;
    return typeof sources === 'function' ? sources(version) : sources;
  }

  private get historySources(): readonly ProjectionSource[] {
    return this.options.historySources ?? this.live.sources;
  }

  get engine(): ProjectionEngine {
    return this.live.engine;
  }

  get store(): ReadModelStore {
    return this.live.store;
  }

  get version(): number {
    return this.live.version;
  }

  get core(): ProjectionCore {
    return this.live.engine.core;
  }

  rebuildState(): RebuildState {
    if (!this.rebuilding) return { state: 'idle', lastRebuild: this.lastRebuild, ...(this.rebuildError ? { lastError: this.rebuildError } : {}) };
    return { state: 'running', version: this.rebuilding.version, startedAt: this.rebuilding.startedAt, eventsApplied: this.rebuilding.engine.core.counters.eventsApplied };
  }

  /** Starts a rebuild into the next version; the current one keeps serving until it is caught up. */
  async rebuild(): Promise<{ version: number; started: boolean }> {
    if (this.rebuilding) return { version: this.rebuilding.version, started: false };
    const version = this.live.version + 1;
    this.rebuildError = undefined;
    await this.options.versions.discard(version);
    const store = await this.options.versions.open(version);
    const sources = this.sourcesFor(version);
    const engine = this.createEngine(store, false, sources);
    engine.setAnnouncing(false);
    // Values found equal to the serving version's keep where and when they last changed there.
    engine.inherit((metric, scope, period) => this.live.engine.core.storedValue(metric, scope, period));
    const startedAt = new Date().toISOString();
    this.rebuilding = { engine, store, version, startedAt, sources };
    await engine.start();
    void this.switchWhenCaughtUp(engine, store, version, startedAt, sources);
    return { version, started: true };
  }

  /**
   * A query answered from the live projection, or as known at `asOf` (an ISO instant): replayed
   * from the logs, one replay at a time, kept within a budget of events.
   */
  async query<Q extends CoreQuery>(query: Q, asOf?: string): Promise<CoreQueryResult<Q>> {
    if (asOf === undefined) return runCoreQuery(this.core, this.options.catalogue, this.options.config, query);
    return this.asOfQueries.query(new Date(asOf).toISOString(), query);
  }

  async stop(): Promise<void> {
    const sources = new Set([...this.live.sources, ...(this.rebuilding?.sources ?? []), ...(this.options.historySources ?? [])]);
    if (this.rebuilding) {
      await this.rebuilding.engine.stop();
      await this.rebuilding.store.close();
    }
    await this.live.engine.stop();
    await this.live.store.close();
    await this.asOfQueries.close();
    for (const source of sources) await source.close();
  }

  private createEngine(store: ReadModelStore, publishing: boolean, sources: readonly ProjectionSource[]): ProjectionEngine {
    const engine = new ProjectionEngine({
      store,
      sources,
      catalogue: this.options.catalogue,
      folds: this.options.folds,
      config: this.options.config,
      batchSize: this.options.batchSize,
      catchUpCommitEvents: this.options.catchUpCommitEvents,
      publish: (changes, deadLetters) => {
        this.hub.publish(changes);
        this.options.onChanges?.(changes, deadLetters);
      },
    });
    engine.setPublishing(publishing);
    return engine;
  }

  private async switchWhenCaughtUp(engine: ProjectionEngine, store: ReadModelStore, version: number, startedAt: string, sources: readonly ProjectionSource[]): Promise<void> {
    try {
      await engine.whenCaughtUp();
      await engine.settle(600_000);
    } catch (error) {
      // The old version serves on; the half-built one is dropped.
      this.rebuildError = `version ${version} could not be built: ${error instanceof Error ? error.message : String(error)}`;
      this.rebuilding = null;
      await engine.stop();
      await store.close();
      await this.options.versions.discard(version);
      return;
    }
    const previous = this.live;
    // The old version serves until the new one has its history; what changed in between (or was
    // wrong before) is announced by the new one as corrections: nothing is lost, nothing repeated.
    let stopped = false;
    try {
      await engine.takeOver({
        store: previous.store,
        core: () => previous.engine.core,
        stop: async () => {
          stopped = true;
          await previous.engine.stop();
        },
      });
    } catch (error) {
      // The rebuild is dropped; the old version serves on (again, if it was stopped already).
      this.rebuildError = `version ${version} could not take over: ${error instanceof Error ? error.message : String(error)}`;
      this.rebuilding = null;
      await engine.stop();
      await store.close();
      if (stopped) await previous.engine.start();
      await this.options.versions.discard(version);
      return;
    }
    engine.inherit(null);
    this.live = { engine, store, version, sources };
    await this.options.versions.activate(version);
    await this.options.onLive?.(version, store);
    this.rebuilding = null;
    this.lastRebuild = {
      version,
      finishedAt: new Date().toISOString(),
      events: engine.core.counters.eventsApplied,
      seconds: Math.round((Date.now() - Date.parse(startedAt)) / 100) / 10,
    };
    await previous.store.close();
    if (previous.sources !== sources) for (const source of previous.sources) if (!this.options.historySources?.includes(source)) await source.close();
    await this.options.versions.discard(previous.version);
  }
}
