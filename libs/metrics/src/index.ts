export * from './periods';
export * from './scopes';
export * from './entries';
export * from './metric-state';
export * from './definition';
export * from './evaluate';
export * from './catalogue';
export * from './apply';
