export * from './eventstoredb-connection';
export * from './eventstoredb-streams';
export * from './eventstoredb-mapping';
export * from './eventstoredb-event-store';
export * from './eventstoredb-subscription';
export * from './eventstoredb-checkpoint-store';
