export { READ_MODEL_COLLECTIONS, dropReadModelVersion } from './mongo-read-model-collections';
export { InjectedCrash } from './mongo-batch-writes';
export { DEFAULT_JOURNAL_CHUNK_BYTES } from './mongo-redo-journal';
export * from './mongo-read-model-store';
export * from './open-mongo-read-model-store';
export * from './mongo-read-model-versions';
