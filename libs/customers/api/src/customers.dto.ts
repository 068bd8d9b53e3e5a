import { Identifier } from '@quotient/contracts';
import { ChurnCustomerData, OpenComplaintData, RecordSurveyShape, RegisterCustomerData, withSurveyScale } from '@quotient/customers-domain';
import { commandBody } from '@quotient/http';
import { z } from 'zod';

const { customerId: _customerId, ...surveyShape } = RecordSurveyShape;

/** Request bodies: the command's data without the ids that come from the path or the server. */
export const RegisterCustomerBody = commandBody({ ...RegisterCustomerData.shape, customerId: RegisterCustomerData.shape.customerId.optional() });
export const RecordSurveyBody = withSurveyScale(commandBody(surveyShape));
export const OpenComplaintBody = commandBody({ complaintId: OpenComplaintData.shape.complaintId.optional(), severity: OpenComplaintData.shape.severity });
export const ResolveComplaintBody = commandBody({});
export const ChurnCustomerBody = commandBody(ChurnCustomerData.omit({ customerId: true }).shape);
export const ReactivateCustomerBody = commandBody({});

/** Both path ids of a complaint route, checked together so that every bad one is named. */
export const ComplaintPath = z.object({ id: Identifier, cid: Identifier });
