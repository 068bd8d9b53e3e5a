import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectionSource, ReadModelStore, ReadModelVersions } from '@quotient/projection';
import { openSqliteEventStore } from './sqlite-event-store';
import { openSqliteReadModelStore } from './sqlite-read-model-store';
import { sqliteSubscription } from './sqlite-subscription';

/** The embedded transport: the projection follows a command service's own store file. */
export const sqliteProjectionSource = (name: string, path: string): ProjectionSource => {
  const store = openSqliteEventStore(path);
  return {
    name,
    subscription: sqliteSubscription(store, path),
    resumesFromCheckpoint: true,
    lastPosition: () => store.lastPosition(),
    readAll: (fromPosition, limit, recordedUpTo) => store.readAll({ fromPosition, limit, recordedUpTo }),
    close: () => store.close(),
  };
};

/**
 * Read-model versions as files `v<N>.db` in a folder, with a `current` pointer file replaced
 * atomically (write + rename) when a rebuild takes over.
 */
export const sqliteReadModelVersions = (dir: string): ReadModelVersions => {
  mkdirSync(dir, { recursive: true });
  const pointer = join(dir, 'current');
  const file = (version: number) => join(dir, `v${version}.db`);
  return {
    current: async () => (existsSync(pointer) ? Number(readFileSync(pointer, 'utf8').trim()) || 1 : 1),
    open: async (version): Promise<ReadModelStore> => openSqliteReadModelStore(file(version)),
    activate: async (version) => {
      writeFileSync(`${pointer}.tmp`, String(version));
      renameSync(`${pointer}.tmp`, pointer);
    },
    discard: async (version) => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file(version)}${suffix}`, { force: true });
    },
  };
};
