import type { Admin } from 'kafkajs';

/**
 * How far one consumer-group member is: which partitions it owns, which of them it has read to
 * the end at least once (for `caughtUp`), and its lag — messages of its partitions that the
 * group has not committed yet (high watermark − committed offset), asked from the broker.
 */
export class ConsumerProgress {
  private assigned: number[] | null = null;
  private generation = 0;
  private readonly behind = new Set<number>();
  private cached: { at: number; value: number } | null = null;
  /** The broker question being asked now: concurrent `lag()` calls share it. */
  private asking: Promise<number> | null = null;
  private lastKnown = Number.NaN;
  private admin: Admin | null = null;
  private adminConnecting: Promise<Admin> | null = null;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly topic: string,
    private readonly groupId: string,
    private readonly newAdmin: () => Admin,
    private readonly cacheMs = 200,
  ) {}

  get partitions(): readonly number[] {
    return this.assigned ?? [];
  }

  /** A (re)join gave this member its partitions; all count as behind until shown otherwise. */
  assign(partitions: readonly number[]): void {
    this.assigned = [...partitions].sort((a, b) => a - b);
    this.generation++;
    this.behind.clear();
    for (const partition of partitions) this.behind.add(partition);
    this.cached = null;
  }

  /**
   * A batch of `partition` reached its high watermark. Returns true when no owned partition is
   * behind. The cached lag is kept (it is at most `cacheMs` old): dropping it at every batch end
   * made every status request ask the broker twice per source while the projection kept up.
   */
  reachedEnd(partition: number): boolean {
    this.behind.delete(partition);
    return this.assigned !== null && this.behind.size === 0;
  }

  /**
   * Marks the owned partitions that have nothing to read (they never produce a batch), asking
   * again until the broker answers or a new assignment or a stop makes the question moot.
   * Returns true when no owned partition is behind.
   */
  async markIdlePartitions(stopped: () => boolean, sleep: (ms: number) => Promise<void>): Promise<boolean> {
    const generation = this.generation;
    for (let attempt = 1; !stopped() && generation === this.generation; attempt++) {
      try {
        const lags = await this.partitionLags(this.assigned ?? []);
        if (generation !== this.generation) return false;
        for (const [partition, lag] of lags) if (lag <= 0) this.behind.delete(partition);
        return this.assigned !== null && this.behind.size === 0;
      } catch {
        await sleep(Math.min(2_000, 50 * 2 ** attempt));
      }
    }
    return false;
  }

  /** Uncommitted messages of the owned partitions (all partitions before the first join); NaN when unknown. */
  async lag(): Promise<number> {
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached.value;
    this.asking ??= (async () => {
      try {
        const lags = await this.partitionLags(this.assigned);
        const value = [...lags.values()].reduce((sum, lag) => sum + Math.max(0, lag), 0);
        this.cached = { at: Date.now(), value };
        this.lastKnown = value;
        return value;
      } catch {
        return this.lastKnown;
      } finally {
        this.asking = null;
      }
    })();
    return this.asking;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    const admin = this.admin ?? (await this.adminConnecting?.catch(() => null));
    this.admin = null;
    this.adminConnecting = null;
    await admin?.disconnect().catch(() => undefined);
  }

  /** Asks the broker; calls still running when `close` is called are awaited by it. */
  private partitionLags(only: readonly number[] | null): Promise<Map<number, number>> {
    if (this.closed) return Promise.reject(new Error(`consumer progress of ${this.topic} is closed`));
    const asking = this.askBroker(only);
    this.inFlight.add(asking);
    return asking.finally(() => this.inFlight.delete(asking));
  }

  private async askBroker(only: readonly number[] | null): Promise<Map<number, number>> {
    const admin = await this.connectedAdmin();
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(this.topic), admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] })]);
    const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    const lags = new Map<number, number>();
    for (const end of ends) {
      if (only && !only.includes(end.partition)) continue;
      const done = committedBy.get(end.partition) ?? -1;
      lags.set(end.partition, Number(end.high) - (done >= 0 ? done : Number(end.low)));
    }
    return lags;
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    this.adminConnecting ??= (async () => {
      const admin = this.newAdmin();
      await admin.connect();
      this.admin = admin;
      return admin;
    })();
    try {
      return await this.adminConnecting;
    } catch (error) {
      this.adminConnecting = null;
      throw error;
    }
  }
}
