export * from './contract/fixtures';
export * from './contract/event-store.contract';
export * from './contract/subscription.contract';
export * from './contract/checkpoint.contract';
