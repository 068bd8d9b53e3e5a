import { commonRoutes, createdResponse, RevisionResponse, RouteDoc } from '@quotient/http';
import { ChurnCustomerBody, OpenComplaintBody, ReactivateCustomerBody, RecordSurveyBody, RegisterCustomerBody, ResolveComplaintBody } from './customers.dto';

const tag = 'customers';

export const customersRoutes: RouteDoc[] = [
  { method: 'post', path: '/customers', summary: 'Register a customer (a client customerId makes it idempotent)', tag, body: RegisterCustomerBody, status: 201, response: createdResponse('customerId') },
  { method: 'get', path: '/customers/{id}', summary: 'Current state of a customer: status, open complaints, latest survey', tag },
  { method: 'post', path: '/customers/{id}/surveys', summary: 'Record a survey (csat 1–5, nps 0–10); refused for a churned customer', tag, body: RecordSurveyBody, response: RevisionResponse },
  {
    method: 'post',
    path: '/customers/{id}/complaints',
    summary: 'Open a complaint (a client complaintId makes it idempotent); refused for a churned customer',
    tag,
    body: OpenComplaintBody,
    status: 201,
    response: createdResponse('complaintId'),
  },
  { method: 'post', path: '/customers/{id}/complaints/{cid}/resolve', summary: 'Resolve an open complaint', tag, body: ResolveComplaintBody, response: RevisionResponse },
  { method: 'post', path: '/customers/{id}/churn', summary: 'Record that an active customer churned', tag, body: ChurnCustomerBody, response: RevisionResponse },
  { method: 'post', path: '/customers/{id}/reactivate', summary: 'Reactivate a churned customer', tag, body: ReactivateCustomerBody, response: RevisionResponse },
  ...commonRoutes(tag),
];
