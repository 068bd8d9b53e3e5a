/**
 * A small but complete sales organisation, entered through the command services' HTTP APIs
 * exactly as a user would: two teams of two reps over three quarters of 2026 (Q2–Q4), with
 * targets, deals won, lost and open, customers with surveys and a complaint, approved expenses,
 * budgets and market sizes. Dates are business time (`occurredAt`); Q4 stays before 28 November.
 */
type Post = (service: string, path: string, body: Record<string, unknown>) => Promise<void>;

export const TEAMS = { north: ['ann', 'bob'], south: ['cai', 'dan'] } as const;
const REPS = Object.entries(TEAMS).flatMap(([team, reps]) => reps.map((rep) => ({ rep, team })));
const QUARTERS = [
  { period: '2026-Q2', start: '2026-04-01' },
  { period: '2026-Q3', start: '2026-07-01' },
  { period: '2026-Q4', start: '2026-10-01' },
];
const SEGMENTS = ['smb', 'mid', 'ent'];
const REGIONS = ['east', 'west'];

const day = (start: string, offset: number, hour = 10) => new Date(Date.parse(`${start}T${String(hour).padStart(2, '0')}:00:00Z`) + offset * 86_400_000).toISOString();
const customerOf = (r: number, k: number) => `c-${REPS[r].rep}-${k % 2}`;
const segmentOf = (r: number, k: number) => SEGMENTS[(r + k) % 3];
const regionOf = (r: number) => REGIONS[r % 2];
const channelOf = (r: number, k: number) => ((r + k) % 2 === 0 ? 'direct' : 'partner');

const setup = async (post: Post) => {
  for (const { rep, team } of REPS) await post('training', '/reps', { repId: rep, name: rep, teamId: team, occurredAt: '2026-03-15T09:00:00Z' });
  await Promise.all(
    REPS.flatMap(({ rep, team }, r) =>
      [0, 1].map((k) =>
        post('customers', '/customers', {
          customerId: customerOf(r, k),
          name: `Customer ${rep} ${k}`,
          segment: segmentOf(r, k),
          region: regionOf(r),
          channel: channelOf(r, k),
          ownerRepId: rep,
          teamId: team,
          occurredAt: '2026-03-20T09:00:00Z',
        }),
      ),
    ),
  );
};

const plan = async (post: Post, period: string, q: number) => {
  await post('deals', '/targets', { scope: 'org', period, measure: 'revenue', value: 900_000 + q * 50_000 });
  for (const [team, reps] of Object.entries(TEAMS)) {
    await post('deals', '/targets', { scope: `team:${team}`, period, measure: 'revenue', value: 420_000 + q * 30_000 + (team === 'south' ? 60_000 : 0) });
    for (const rep of reps) await post('deals', '/targets', { scope: `rep:${rep}`, period, measure: 'revenue', value: 200_000 + q * 15_000 });
    for (const category of ['travel', 'entertainment', 'marketing']) await post('costs', '/budgets', { scope: `team:${team}`, period, category, amount: 12_000 });
  }
  for (const category of ['travel', 'entertainment', 'marketing']) await post('costs', '/budgets', { scope: 'org', period, category, amount: 24_000 });
  for (const [s, segment] of SEGMENTS.entries())
    for (const region of REGIONS) await post('deals', '/markets', { segment, region, period, totalRevenue: 1_600_000 + s * 900_000 });
};

const sell = async (post: Post, start: string, q: number) => {
  await Promise.all(
    REPS.map(async ({ rep, team }, r) => {
      for (let k = 0; k < 4; k++) {
        const dealId = `d-${q}-${rep}-${k}`;
        const amount = 40_000 + ((r * 7 + k * 13 + q * 5) % 9) * 12_000;
        const who = { customerId: customerOf(r, k), ownerRepId: rep, teamId: team, region: regionOf(r), channel: channelOf(r, k), segment: segmentOf(r, k) };
        await post('deals', '/deals', { dealId, ...who, amount, stage: 'qualification', expectedCloseDate: day(start, 60).slice(0, 10), occurredAt: day(start, 2 + k * 3) });
        await post('deals', `/deals/${dealId}/stage`, { stage: 'proposal', occurredAt: day(start, 10 + k * 3) });
        await post('deals', `/deals/${dealId}/activities`, { kind: 'meeting', occurredAt: day(start, 12 + k * 3) });
        const won = (r + k + q) % 3 !== 0;
        if (won) await post('deals', `/deals/${dealId}/win`, { occurredAt: day(start, 22 + k * 6 - r) });
        else await post('deals', `/deals/${dealId}/lose`, { reason: 'price', competitor: 'Acme', occurredAt: day(start, 24 + k * 5) });
      }
      await post('costs', '/expenses', { expenseId: `e-${q}-${rep}`, repId: rep, teamId: team, category: 'travel', amount: 6_000 + r * 1_500 + q * 800, occurredAt: day(start, 15) });
      await post('costs', `/expenses/e-${q}-${rep}/approve`, { occurredAt: day(start, 16) });
      await post('costs', '/expenses', { expenseId: `m-${q}-${rep}`, repId: rep, teamId: team, category: 'marketing', amount: 5_000 + q * 1_200, channel: channelOf(r, 0), occurredAt: day(start, 18) });
      await post('costs', `/expenses/m-${q}-${rep}/approve`, { occurredAt: day(start, 19) });
      for (let k = 0; k < 2; k++) {
        const id = customerOf(r, k);
        await post('customers', `/customers/${id}/surveys`, { kind: 'csat', score: 3 + ((r + k + q) % 3), occurredAt: day(start, 30 + k) });
        await post('customers', `/customers/${id}/surveys`, { kind: 'nps', score: 6 + ((r * 2 + k + q) % 5), occurredAt: day(start, 31 + k) });
      }
    }),
  );
};

/** Open deals of the current quarter at every stage, for the funnel. */
const pipeline = async (post: Post) => {
  const stages = ['prospecting', 'qualification', 'proposal', 'negotiation'];
  await Promise.all(
    REPS.map(async ({ rep, team }, r) => {
      for (let k = 0; k < 4; k++) {
        const who = { customerId: customerOf(r, k), ownerRepId: rep, teamId: team, region: regionOf(r), channel: channelOf(r, k), segment: segmentOf(r, k) };
        const stage = stages[Math.min(k + (r % 2), 3)];
        await post('deals', '/deals', { dealId: `open-${rep}-${k}`, ...who, amount: 30_000 + k * 15_000, stage, expectedCloseDate: '2026-12-18', occurredAt: day('2026-10-01', 20 + k) });
      }
    }),
  );
  await post('customers', '/customers/c-ann-0/complaints', { complaintId: 'late-delivery', severity: 'high', occurredAt: '2026-10-12T09:00:00Z' });
  await post('customers', '/customers/c-ann-0/complaints/late-delivery/resolve', { occurredAt: '2026-10-13T15:30:00Z' });
};

export const seedDashboardData = async (post: Post): Promise<void> => {
  await setup(post);
  for (const [q, { period, start }] of QUARTERS.entries()) {
    await plan(post, period, q);
    await sell(post, start, q);
  }
  await pipeline(post);
};
