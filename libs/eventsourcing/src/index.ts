export * from './event-store.port';
export * from './checkpoint.port';
export * from './subscription.port';
export * from './polling-subscription';
export * from './command-handler';
export * from './errors';
