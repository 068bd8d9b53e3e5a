export * from './dashboard.controller';
