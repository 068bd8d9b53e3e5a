import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadModelStoreContract } from '@quotient/projection/testing';
import { openSqliteReadModelStore, SqliteReadModelStore } from './sqlite-read-model-store';

describeReadModelStoreContract<SqliteReadModelStore>('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotient-read-models-'));
  const path = join(dir, 'read-models.db');
  return {
    store: openSqliteReadModelStore(path),
    reopen: async () => openSqliteReadModelStore(path),
    failAfterWrites: (store, writes) => (store.failAfterWrites = writes),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeReadModelStoreContract('sqlite (:memory:)', async () => ({ store: openSqliteReadModelStore(':memory:') }));
