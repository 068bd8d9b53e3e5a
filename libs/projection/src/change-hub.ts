import type { StoredMetricChange } from './read-model.port';

type Listener = (change: StoredMetricChange) => void;

/** In-process fan-out of durable metric changes to live listeners (SSE clients, publishers). */
export class ChangeHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(changes: readonly StoredMetricChange[]): void {
    for (const change of changes) for (const listener of this.listeners) listener(change);
  }

  get size(): number {
    return this.listeners.size;
  }
}
