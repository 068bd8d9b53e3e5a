import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface OpenDatabaseOptions {
  /** `FULL` by default: an acknowledged write survives a power cut. */
  readonly synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  /** Page size of a new database (ignored for an existing one). */
  readonly pageSize?: number;
  /** Page cache in MiB (SQLite's default is 2 MiB). */
  readonly cacheMiB?: number;
}

/**
 * Opens (creating if needed) a SQLite database in WAL mode, so other processes can read it
 * while this one writes. `:memory:` works too.
 */
export const openDatabase = (path: string, options: OpenDatabaseOptions = {}): DatabaseSync => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: 10_000 });
  if (options.pageSize) db.exec(`PRAGMA page_size = ${options.pageSize}`);
  if (options.cacheMiB) db.exec(`PRAGMA cache_size = ${-options.cacheMiB * 1024}`);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${options.synchronous ?? 'FULL'}; PRAGMA foreign_keys = ON;`);
  return db;
};

/** Runs `work` in one write transaction; rolls back on any error. */
export const inTransaction = <T>(db: DatabaseSync, work: () => T): T => {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
};
