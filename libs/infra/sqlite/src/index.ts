export * from './sqlite-database';
export * from './event-store.schema';
export * from './sqlite-event-store';
export * from './sqlite-checkpoint-store';
export * from './sqlite-subscription';
export * from './sqlite-read-model-store';
export * from './sqlite-projection';
