import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { EventSubscription, pollingSubscription, WakeSource } from '@quotient/eventsourcing';
import type { SqliteEventStore } from './sqlite-event-store';

/**
 * Wakes a reader when the store file changes, also when another process writes it: we watch
 * the folder (not the file) so a WAL file that is removed and recreated keeps waking us.
 */
export const fileWakeSource = (path: string): WakeSource => (wake) => {
  if (path === ':memory:') return () => undefined;
  const name = basename(path);
  const watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
    if (file === null || file.startsWith(name)) wake();
  });
  watcher.on('error', () => undefined);
  return () => watcher.close();
};

const combine = (...sources: WakeSource[]): WakeSource => (wake) => {
  const stops = sources.map((source) => source(wake));
  return () => stops.forEach((stop) => stop());
};

/** Catch-up subscription over a SQLite store: wakes on local commits and on file changes. */
export const sqliteSubscription = (store: SqliteEventStore, path: string, idlePollMs = 100): EventSubscription =>
  pollingSubscription(store, {
    idlePollMs,
    wakeSource: combine((wake) => store.onAppended(wake), fileWakeSource(path)),
  });
