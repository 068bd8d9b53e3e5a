import { MongoClient } from 'mongodb';
import { MongoReadModelStore, type MongoReadModelStoreOptions } from './mongo-read-model-store';

export const DEFAULT_READ_MODEL_DATABASE = 'quotient_projection';

export interface OpenMongoReadModelStoreOptions extends Omit<MongoReadModelStoreOptions, 'client'> {
  /** Database name; else the one in the URL's path; else `quotient_projection`. */
  readonly database?: string;
  /** How long to look for a server before giving up (ms). */
  readonly serverSelectionTimeoutMS?: number;
}

/** The database named in a connection string's path (`mongodb://host:27017/<db>?…`), if any. */
export const databaseInUrl = (url: string): string | undefined => {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^/?#]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
};

/** The URL without its password, for messages and logs. */
export const redactedUrl = (url: string): string => url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Connects to MongoDB and opens (creating indexes, redoing an interrupted batch) the read models
 * of one version. Fails fast with a clear message when no server answers. No `serverApi` or
 * `loadBalanced`: mongo-java-server (used where Docker is missing) has no `hello`.
 */
export const openMongoReadModelStore = async (url: string, options: OpenMongoReadModelStoreOptions = {}): Promise<MongoReadModelStore> => {
  const timeout = options.serverSelectionTimeoutMS ?? 5000;
  let client: MongoClient;
  try {
    client = new MongoClient(url, { serverSelectionTimeoutMS: timeout, connectTimeoutMS: timeout });
  } catch (error) {
    throw new Error(`MongoDB URL ${redactedUrl(url)} is invalid: ${reasonOf(error)}`);
  }
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(`MongoDB at ${redactedUrl(url)} is not reachable: ${reasonOf(error)}`);
  }
  const { database, serverSelectionTimeoutMS: _timeout, ...storeOptions } = options;
  const db = client.db(database ?? databaseInUrl(url) ?? DEFAULT_READ_MODEL_DATABASE);
  try {
    return await new MongoReadModelStore(db, { ...storeOptions, client }).init();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
};
