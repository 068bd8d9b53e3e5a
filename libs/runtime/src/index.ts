export * from './config';
export * from './command-service';
