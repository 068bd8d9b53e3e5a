export * from './rep.commands';
export * from './rep.events';
export * from './rep.decider';
export * from './program.commands';
export * from './program.events';
export * from './program.decider';
export * from './training.errors';
