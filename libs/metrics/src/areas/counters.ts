/**
 * Counter names shared by folds (which write them) and formulas (which read them).
 * Sums count in month+quarter+year of their instant unless noted "per period"; levels are running levels.
 */
export const COUNTERS = {
  // Deals (sums at close time, by the deal's attribution)
  wonRevenue: 'won_revenue',
  wonDeals: 'won_deals',
  wonCycleDays: 'won_cycle_days',
  lostDeals: 'lost_deals',
  lostAmount: 'lost_amount',
  /** Won revenue per customer, in `<scope>/customer:<id>` sub-scopes (concentration). */
  customerWonRevenue: 'customer_won_revenue',
  // Open deals (sums at the expectedCloseDate, while open)
  openPipeline: 'open_pipeline',
  weightedPipeline: 'weighted_pipeline',
  // Levels
  openDeals: 'open_deals',
  stalledDeals: 'stalled_deals',
  activities: 'activities',
  // Planning (per period)
  forecastCommit: 'forecast_commit',
  forecastCommitSet: 'forecast_commit_set',
  marketSize: 'market_size',
  // Satisfaction
  csatResponses: 'csat_responses',
  csatSatisfied: 'csat_satisfied',
  npsResponses: 'nps_responses',
  npsPromoters: 'nps_promoters',
  npsDetractors: 'nps_detractors',
  complaintsResolved: 'complaints_resolved',
  complaintResolutionHours: 'complaint_resolution_hours',
  openComplaints: 'open_complaints',
  // Customer lifecycle
  newCustomers: 'new_customers',
  activeCustomers: 'active_customers',
  churnedCustomers: 'churned_customers',
  atRiskCustomers: 'at_risk_customers',
  /** Levels: customers with ≥ 1 and ≥ 2 won deals to date. */
  buyingCustomers: 'buying_customers',
  repeatCustomers: 'repeat_customers',
  /** Won revenue of deals of customers, by the channel the customer was acquired through. */
  acquiredWonRevenue: 'acquired_won_revenue',
  // Costs
  expenses: 'expenses',
  // Reps and training
  headcount: 'headcount',
  certifiedReps: 'certified_reps',
  repsLeft: 'reps_left',
  rampDays: 'ramp_days_total',
  rampReps: 'ramp_reps',
  enrolments: 'enrolments',
  enrolmentsCompleted: 'enrolments_completed',
  trainingHours: 'training_hours',
} as const;

/** Target of a measure (per period): `target_revenue`, `target_wonDeals`, `target_newCustomers`. */
export const targetCounter = (measure: string) => `target_${measure}`;
/** Approved expenses of one category. */
export const expenseCounter = (category: string) => `expenses_${category}`;
/** Budget of one category, or `total` (per period). */
export const budgetCounter = (category: string) => `budget_${category}`;
