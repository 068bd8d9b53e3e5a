export * from './config';
export * from './command-service';
export * from './projection-config';
export * from './projection-service';
export * from './kafka-wiring';
export * from './http-log-reader';
export * from './as-of-thread';
export * from './as-of-worker';
