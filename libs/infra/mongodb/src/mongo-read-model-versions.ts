import { MongoClient } from 'mongodb';
import type { ReadModelVersions } from '@quotient/projection';
import { dropReadModelVersion } from './mongo-read-model-collections';
import { databaseInUrl, DEFAULT_READ_MODEL_DATABASE, openMongoReadModelStore, redactedUrl } from './open-mongo-read-model-store';

const prefixOf = (version: number) => `v${version}_`;

/**
 * Read-model versions in one MongoDB database: collections prefixed `v<N>_`, and a `versions`
 * document naming the one that serves. Switching is one single-document write.
 */
export const mongoReadModelVersions = async (url: string, database?: string): Promise<ReadModelVersions & { close(): Promise<void> }> => {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`MongoDB at ${redactedUrl(url)} is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const db = client.db(database ?? databaseInUrl(url) ?? DEFAULT_READ_MODEL_DATABASE);
  const versions = db.collection<{ _id: string; version: number }>('versions');
  return {
    current: async () => (await versions.findOne({ _id: 'current' }))?.version ?? 1,
    open: (version) => openMongoReadModelStore(url, { database: db.databaseName, prefix: prefixOf(version) }),
    activate: async (version) => void (await versions.updateOne({ _id: 'current' }, { $set: { version } }, { upsert: true })),
    discard: async (version) => void (await dropReadModelVersion(db, prefixOf(version))),
    close: () => client.close(),
  };
};
