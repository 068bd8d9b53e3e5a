export * from './budget.commands';
export * from './budget.events';
export * from './budget.decider';
export * from './expense.commands';
export * from './expense.events';
export * from './expense.errors';
export * from './expense.decider';
