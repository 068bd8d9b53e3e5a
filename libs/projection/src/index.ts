export * from './read-model.port';
export * from './source.port';
export * from './projection-core';
export * from './projection-engine';
export * from './as-of';
export * from './change-hub';
export * from './projection-service';
export * from './entity-codec';
