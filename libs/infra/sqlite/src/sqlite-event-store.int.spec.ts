import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCheckpointContract, describeEventStoreContract, describeSubscriptionContract, events, uniqueStream } from '@quotient/eventsourcing/testing';
import { openDatabase } from './sqlite-database';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { openSqliteEventStore } from './sqlite-event-store';
import { sqliteSubscription } from './sqlite-subscription';

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotient-sqlite-'));
  return { path: join(dir, 'events.db'), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
};

describeEventStoreContract('sqlite (file)', async () => {
  const file = tempFile();
  return { store: openSqliteEventStore(file.path), dispose: file.dispose };
});

describeEventStoreContract('sqlite (:memory:)', async () => ({ store: openSqliteEventStore(':memory:') }));

describeSubscriptionContract('sqlite', async () => {
  const file = tempFile();
  const store = openSqliteEventStore(file.path);
  return { store, subscription: sqliteSubscription(store, file.path), dispose: file.dispose };
});

describeCheckpointContract('sqlite', async () => {
  const file = tempFile();
  const db = openDatabase(file.path);
  return { checkpoints: new SqliteCheckpointStore(db), dispose: async () => (db.close(), file.dispose()) };
});

describe('sqlite event store specifics', () => {
  it('runs WAL with synchronous=FULL', () => {
    const file = tempFile();
    const store = openSqliteEventStore(file.path);
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    store.db.close();
    void file.dispose();
  });

  it('is readable by a second connection while it is written, and a reader there follows new events', async () => {
    const file = tempFile();
    const writer = openSqliteEventStore(file.path);
    const reader = openSqliteEventStore(file.path);
    const seen: number[] = [];
    const handle = sqliteSubscription(reader, file.path, 5_000).subscribe({ after: 0, onBatch: async (b) => void seen.push(...b.map((e) => e.position)) });
    await handle.caughtUp;
    await writer.append(uniqueStream(), events(3), { expectedRevision: 'no_stream' });
    const deadline = Date.now() + 3000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await handle.stop();
    expect(seen).toEqual([1, 2, 3]);
    await writer.close();
    await reader.close();
    await file.dispose();
  });

  it('keeps its events across a reopen', async () => {
    const file = tempFile();
    const first = openSqliteEventStore(file.path);
    const stream = uniqueStream();
    await first.append(stream, events(4), { expectedRevision: 'no_stream' });
    await first.close();
    const second = openSqliteEventStore(file.path);
    expect((await second.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    await second.close();
    await file.dispose();
  });
});
