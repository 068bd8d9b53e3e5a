export * from './envelope';
export * from './decider';
export * from './errors';
export * from './clock';
export * from './ids';
export * from './money';
export * from './rules';
