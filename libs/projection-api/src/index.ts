export * from './tokens';
export * from './queries';
export * from './projection-api.module';
export * from './projection.openapi';
