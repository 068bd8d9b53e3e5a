import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MetricsConfig } from '@quotient/metrics';
import type { AsOfQueries, CoreQuery, CoreQueryResult } from '@quotient/projection';
import type { AsOfReply, AsOfWorkerData, HistorySourceSpec } from './as-of-worker';

/**
 * The worker's module as this build runs it: the .js built next to this file, or — under Jest,
 * which runs the TypeScript sources — the one `npm run build` put in dist/ (`npm test` builds
 * first): a thread cannot load the workspace's TypeScript with its path aliases.
 */
const workerModule = (): string => {
  const file = extname(__filename) === '.js' ? join(__dirname, 'as-of-worker.js') : join(__dirname, '..', '..', '..', 'dist', 'libs', 'runtime', 'src', 'as-of-worker.js');
  if (!existsSync(file)) throw new Error(`the asOf thread's module ${file} is missing: run npm run build`);
  return file;
};

/**
 * `asOf` queries answered by a thread of their own: a replay of a million events (~12 s of CPU,
 * ~1 GB of heap) runs on the second core and in its own heap, while the serving thread goes on
 * folding live events and answering requests (in its slices it held them up by up to two
 * seconds each, and its garbage collection with them). The replays the thread keeps answer their
 * instants again at once. Started on the first query; held referenced only while a query is out,
 * so an idle one never keeps the process alive. If the thread dies (out of memory, say), the
 * queries out fail with the reason and the next one starts a new thread: a replay that outgrows
 * its heap (`maxHeapMb`) costs its queries, not the service.
 */
export class AsOfThread implements AsOfQueries {
  /** The thread, and the queries out to it. */
  private thread: { readonly worker: Worker; readonly pending: Map<number, Waiting> } | null = null;
  private nextId = 0;

  constructor(
    private readonly data: AsOfWorkerData,
    /** Most heap the thread may use, in MB (default: Node's limit). */
    private readonly maxHeapMb?: number,
  ) {}

  query<Q extends CoreQuery>(instant: string, query: Q): Promise<CoreQueryResult<Q>> {
    let thread: NonNullable<AsOfThread['thread']>;
    try {
      thread = this.thread ?? this.start();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, instant, query });
    });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    await thread?.worker.terminate();
  }

  private start(): NonNullable<AsOfThread['thread']> {
    const worker = new Worker(workerModule(), { workerData: { asOfWorker: this.data }, ...(this.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } } : {}) });
    const thread = { worker, pending: new Map<number, Waiting>() };
    this.thread = thread;
    worker.unref();
    worker.on('message', (reply: AsOfReply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if (reply.error === undefined) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      if (this.thread === thread) this.thread = null;
      for (const waiting of thread.pending.values()) waiting.reject(error);
      thread.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`the asOf thread failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`the asOf thread exited (code ${code})`)));
    return thread;
  }
}

interface Waiting {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** An `asOf` thread over the given logs (see AsOfThread). */
export const asOfThread = (sources: readonly HistorySourceSpec[], config: MetricsConfig, maxEvents: number, maxHeapMb?: number): AsOfThread =>
  new AsOfThread({ sources, config, maxEvents }, maxHeapMb);
