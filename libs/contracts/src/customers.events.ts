import { z } from 'zod';
import { ComplaintSeverity, Identifier, IsoDateTime, SurveyKind } from './vocabulary';

/** Every customer event carries the customer's owner and place as they were at that moment. */
export const CustomerAttribution = z.object({
  customerId: Identifier,
  ownerRepId: Identifier,
  teamId: Identifier,
  segment: Identifier,
  region: Identifier,
  channel: Identifier,
});
export type CustomerAttribution = z.infer<typeof CustomerAttribution>;

export const CustomerRegistered = CustomerAttribution.extend({ name: z.string() });
export const SurveyRecorded = CustomerAttribution.extend({ kind: SurveyKind, score: z.number().int() });
export const ComplaintOpened = CustomerAttribution.extend({ complaintId: Identifier, severity: ComplaintSeverity });
export const ComplaintResolved = CustomerAttribution.extend({
  complaintId: Identifier,
  severity: ComplaintSeverity,
  openedAt: IsoDateTime,
});
export const CustomerChurned = CustomerAttribution.extend({ reason: z.string() });
export const CustomerReactivated = CustomerAttribution;

export const customersEventSchemas = {
  'customers.CustomerRegistered': CustomerRegistered,
  'customers.SurveyRecorded': SurveyRecorded,
  'customers.ComplaintOpened': ComplaintOpened,
  'customers.ComplaintResolved': ComplaintResolved,
  'customers.CustomerChurned': CustomerChurned,
  'customers.CustomerReactivated': CustomerReactivated,
} as const;
