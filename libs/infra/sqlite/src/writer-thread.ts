import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WriterReply, WriterRequest } from './read-model-writer';

/**
 * The store's writer thread: its own connection to the file (WAL lets the store's connection
 * read meanwhile), one request at a time, answered in order. Held referenced only while a request
 * is out, so an idle one never keeps the process alive.
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 0;
  failed: Error | null = null;

  constructor(path: string, cacheMiB: number, synchronous: number) {
    // The writer's own module, as this build runs it: the .js built next to this file, or the .ts
    // under Jest, which Node strips of its types and, finding `import`s, runs as an ES module
    // (after a warning that it had to guess, silenced).
    const extension = extname(__filename);
    this.worker = new Worker(join(__dirname, `read-model-writer${extension}`), {
      // Its connection starts at the store connection's synchronous level (see SqliteReadModelStore.durability).
      workerData: { readModelWriter: { path, cacheMiB, synchronous } },
      ...(extension === '.ts' ? { execArgv: [...process.execArgv, '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'] } : {}),
    });
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      this.failed ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the read-model writer thread exited (code ${code})`)));
  }

  request(request: DistributiveOmit<WriterRequest, 'id'>): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...request, id });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
