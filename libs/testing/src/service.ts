export * from './http-client';
export * from './service-harness';
export * from './sse-client';
export * from './system-harness';
