import { z } from 'zod';
import { ComplaintSeverity, Identifier, SurveyKind } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

export const RegisterCustomerData = z.object({
  customerId: Identifier,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  segment: Identifier,
  region: Identifier,
  channel: Identifier,
  ownerRepId: Identifier,
  teamId: Identifier,
});

/** The scale of each survey kind (METRICS.md §2): csat 1–5, nps 0–10, whole numbers only. */
export const SURVEY_SCALES: Readonly<Record<SurveyKind, { readonly min: number; readonly max: number }>> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

const SurveyAnswer = z.object({ kind: SurveyKind, score: z.number().int() });

/**
 * Adds the kind-dependent scale check to any schema holding a survey answer. It runs whenever
 * kind and score are themselves valid, so a wrong score is named alongside every other bad field.
 */
export const withSurveyScale = <S extends z.ZodType<{ kind: SurveyKind; score: number }>>(schema: S): S =>
  schema.superRefine(
    ({ kind, score }, ctx) => {
      const { min, max } = SURVEY_SCALES[kind];
      if (score < min || score > max) ctx.addIssue({ code: 'custom', path: ['score'], message: `a ${kind} score is a whole number from ${min} to ${max}` });
    },
    { when: ({ value }) => SurveyAnswer.safeParse(value).success },
  ) as S;

export const RecordSurveyShape = { customerId: Identifier, ...SurveyAnswer.shape };
export const RecordSurveyData = withSurveyScale(z.object(RecordSurveyShape));
export const OpenComplaintData = z.object({ customerId: Identifier, complaintId: Identifier, severity: ComplaintSeverity });
export const ResolveComplaintData = z.object({ customerId: Identifier, complaintId: Identifier });
export const ChurnCustomerData = z.object({ customerId: Identifier, reason: z.string().trim().min(1, 'must not be empty').max(500) });
export const ReactivateCustomerData = z.object({ customerId: Identifier });

export type RegisterCustomer = Command<'RegisterCustomer', z.infer<typeof RegisterCustomerData>>;
export type RecordSurvey = Command<'RecordSurvey', z.infer<typeof RecordSurveyData>>;
export type OpenComplaint = Command<'OpenComplaint', z.infer<typeof OpenComplaintData>>;
export type ResolveComplaint = Command<'ResolveComplaint', z.infer<typeof ResolveComplaintData>>;
export type ChurnCustomer = Command<'ChurnCustomer', z.infer<typeof ChurnCustomerData>>;
export type ReactivateCustomer = Command<'ReactivateCustomer', z.infer<typeof ReactivateCustomerData>>;

export type CustomerCommand = RegisterCustomer | RecordSurvey | OpenComplaint | ResolveComplaint | ChurnCustomer | ReactivateCustomer;
