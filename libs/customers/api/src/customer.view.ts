import type { ExistingCustomer } from '@quotient/customers-domain';

/** What GET /customers/:id shows: attribution, status, open complaints and the latest survey. */
export const customerView = (customer: ExistingCustomer) => {
  const complaints = [...customer.complaints.values()];
  return {
    ...customer.attribution,
    name: customer.name,
    status: customer.status,
    registeredAt: customer.registeredAt,
    statusSince: customer.statusSince,
    churnReason: customer.churnReason,
    openComplaints: complaints.filter((c) => c.resolvedAt === null).map(({ complaintId, severity, openedAt }) => ({ complaintId, severity, openedAt })),
    resolvedComplaints: complaints.filter((c) => c.resolvedAt !== null).length,
    latestSurvey: customer.latestSurvey,
  };
};
