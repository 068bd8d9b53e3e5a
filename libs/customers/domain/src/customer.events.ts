import type { EventOf } from '@quotient/contracts';

export type CustomerRegistered = EventOf<'customers.CustomerRegistered'>;
export type SurveyRecorded = EventOf<'customers.SurveyRecorded'>;
export type ComplaintOpened = EventOf<'customers.ComplaintOpened'>;
export type ComplaintResolved = EventOf<'customers.ComplaintResolved'>;
export type CustomerChurned = EventOf<'customers.CustomerChurned'>;
export type CustomerReactivated = EventOf<'customers.CustomerReactivated'>;

export type CustomerEvent = CustomerRegistered | SurveyRecorded | ComplaintOpened | ComplaintResolved | CustomerChurned | CustomerReactivated;

/** One stream per customer; complaints live inside it, so their ids are unique per customer. */
export const customerStream = (customerId: string): string => `customers.customer-${customerId}`;
