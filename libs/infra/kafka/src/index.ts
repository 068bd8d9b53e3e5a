export * from './kafka-config';
export * from './kafka-logging';
export * from './kafka-retry';
export * from './kafka-envelope';
export * from './event-relay';
export * from './kafka-projection-source';
export * from './metric-changes-publisher';
export * from './sample-downstream.consumer';
