import type { DatabaseSync } from 'node:sqlite';
import type { CheckpointStore } from '@quotient/eventsourcing';
import { migrateEventStore } from './event-store.schema';

/** Checkpoints kept in a service's own store file, next to the log they point into. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly loadStatement;
  private readonly saveStatement;

  constructor(db: DatabaseSync) {
    migrateEventStore(db);
    this.loadStatement = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.saveStatement = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position');
  }

  async load(name: string): Promise<number> {
    const row = this.loadStatement.get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async save(name: string, position: number): Promise<void> {
    this.saveStatement.run(name, position);
  }
}
