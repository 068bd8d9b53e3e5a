export * from './http-client';
export * from './service-harness';
export * from './servers';
