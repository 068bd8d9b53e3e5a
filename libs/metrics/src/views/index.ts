export * from './pipeline.view';
export * from './roster.view';
