import { z } from 'zod';
import { costsEventSchemas } from './costs.events';
import { customersEventSchemas } from './customers.events';
import { dealsEventSchemas } from './deals.events';
import { trainingEventSchemas } from './training.events';

/** Every integration event of the published language, current version, by type. */
export const eventSchemas = {
  ...dealsEventSchemas,
  ...customersEventSchemas,
  ...costsEventSchemas,
  ...trainingEventSchemas,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

/** A discriminated union of every event: `{ type: 'deals.DealWon', data: {...} }`. */
export type QuotientEvent = { [T in EventType]: { readonly type: T; readonly data: EventData<T> } }[EventType];
export type EventOf<T extends EventType> = Extract<QuotientEvent, { type: T }>;

/** Current schema version of every type. Bumped when a breaking change adds an upcaster. */
export const CURRENT_SCHEMA_VERSION = 1;

export const CONTEXTS = ['deals', 'customers', 'costs', 'training'] as const;
export type Context = (typeof CONTEXTS)[number];

export const isEventType = (type: string): type is EventType => Object.hasOwn(eventSchemas, type);

export const contextOf = (type: string): string => type.slice(0, type.indexOf('.'));
