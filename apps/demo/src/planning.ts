import { DAY_MS, isFirstOfMonth, isFirstOfQuarter, isFirstOfYear, monthOf, nextQuarterStart, quarterOf, yearOf } from './calendar';
import { CAMPAIGN_MEDIAN, CAMPAIGNS_PER_TEAM_DAY, EXPENSE_PROFILE, EXPENSES_PER_REP_DAY } from './expenses';
import { money, planningScopes, REGIONS, type RepState, SEGMENTS, type World } from './world';

/** What a fully ramped rep delivers in a quarter, until the company has history of its own. */
const PER_REP_QUARTER: Readonly<Record<string, number>> = { revenue: 900_000, wonDeals: 6.5, newCustomers: 9 };
const SEGMENT_REVENUE_SHARE: Readonly<Record<string, number>> = { enterprise: 0.6, midmarket: 0.3, smb: 0.1 };
const REGION_SHARE: Readonly<Record<string, number>> = { north: 0.3, south: 0.25, east: 0.3, west: 0.15 };
const WORKING_DAYS_PER_QUARTER = 91 * (5 / 7 + (2 / 7) * 0.15);

const previousQuarter = (quarter: string): string => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

/** Trailing two complete quarters, if the history holds them; else null. */
const trailing = (world: World, measure: string, scope: string): number | null => {
  const last = previousQuarter(quarterOf(world.dayStart));
  const before = previousQuarter(last);
  if (quarterOf(world.start) >= before) return null;
  return (world.tallied(measure, scope, last) + world.tallied(measure, scope, before)) / 2;
};

const perRep = (world: World, measure: string): number => {
  const history = trailing(world, measure, 'org');
  return history === null ? PER_REP_QUARTER[measure] : history / Math.max(1, world.activeReps().length);
};

const ramp = (world: World, rep: RepState): number => Math.max(0.3, Math.min(1, (world.dayStart - rep.hiredAt) / DAY_MS / 120));

const scopesWithHeadcount = (world: World): Array<[string, number]> => {
  const reps = world.activeReps();
  return [
    ['org', reps.length],
    ...world.teams.map((t): [string, number] => [`team:${t}`, reps.filter((r) => r.teamId === t).length]),
    ...reps.map((r): [string, number] => [`rep:${r.id}`, ramp(world, r)]),
  ];
};

const setTargets = (world: World, period: string, share: number): void => {
  const { random } = world;
  const at = world.at([]);
  for (const measure of ['revenue', 'wonDeals', 'newCustomers']) {
    const rate = perRep(world, measure) * share;
    for (const [scope, headcount] of scopesWithHeadcount(world)) {
      if (headcount === 0) continue;
      const raw = rate * headcount * random.between(1.05, 1.2);
      const value = measure === 'revenue' ? money(raw, 1000) : Math.max(1, Math.round(raw));
      world.emit('target', 'set', `${scope}.${period}.${measure}`, { scope, period, measure, value }, at);
    }
  }
};

/** Commit: won so far plus the probability-weighted pipeline due this quarter; best case adds upside. */
const submitForecasts = (world: World): void => {
  const quarter = quarterOf(world.dayStart);
  const end = nextQuarterStart(world.dayStart);
  const pipeline = new Map<string, { weighted: number; total: number }>();
  for (const deal of world.openDeals.values()) {
    if (deal.expectedClose >= end) continue;
    for (const scope of planningScopes(deal.teamId, deal.ownerRepId)) {
      const sum = pipeline.get(scope) ?? { weighted: 0, total: 0 };
      pipeline.set(scope, { weighted: sum.weighted + deal.amount * deal.probability, total: sum.total + deal.amount * Math.min(1, deal.probability + 0.3) });
    }
  }
  const at = world.at([]);
  for (const [scope] of scopesWithHeadcount(world)) {
    const won = world.tallied('revenue', scope, quarter);
    const open = pipeline.get(scope) ?? { weighted: 0, total: 0 };
    const bestCase = Math.round(won + open.total);
    if (bestCase === 0) continue;
    const commit = Math.round(won + open.weighted * world.random.between(0.8, 1));
    world.emit('forecast', 'submit', `${scope}.${quarter}`, { scope, period: quarter, category: 'commit', amount: commit }, at);
    world.emit('forecast', 'submit', `${scope}.${quarter}`, { scope, period: quarter, category: 'bestCase', amount: bestCase }, at);
  }
};

const setBudgets = (world: World): void => {
  const period = quarterOf(world.dayStart);
  const shares = Object.values(EXPENSE_PROFILE).reduce((sum, p) => sum + p.share, 0);
  const perRepQuarter: Record<string, number> = { commission: perRep(world, 'revenue') * 0.04 };
  for (const [category, p] of Object.entries(EXPENSE_PROFILE)) perRepQuarter[category] = EXPENSES_PER_REP_DAY * WORKING_DAYS_PER_QUARTER * (p.share / shares) * p.median * 1.2;
  const campaigns = CAMPAIGNS_PER_TEAM_DAY * WORKING_DAYS_PER_QUARTER * CAMPAIGN_MEDIAN * 1.13;
  const at = world.at([]);
  for (const [scope, headcount] of scopesWithHeadcount(world)) {
    if (scope.startsWith('rep:') || headcount === 0) continue;
    const teams = scope === 'org' ? world.teams.length : 1;
    for (const [category, perRepAmount] of Object.entries(perRepQuarter)) {
      const amount = perRepAmount * headcount + (category === 'marketing' ? campaigns * teams : 0);
      world.emit('budget', 'set', `${scope}.${period}.${category}`, { scope, period, category, amount: money(amount * world.random.between(1, 1.25), 100) }, at);
    }
  }
};

const recordMarkets = (world: World, period: string, quarters: number, shares: Map<string, number>): void => {
  const orgRevenue = perRep(world, 'revenue') * world.activeReps().length;
  const at = world.at([]);
  for (const segment of SEGMENTS) {
    for (const region of REGIONS) {
      const cell = `${segment}/${region}`;
      const ours = trailing(world, 'cellRevenue', cell) ?? orgRevenue * SEGMENT_REVENUE_SHARE[segment] * REGION_SHARE[region];
      if (!shares.has(cell)) shares.set(cell, world.random.between(0.05, 0.2));
      const totalRevenue = money((ours * quarters * world.random.between(1, 1.1)) / shares.get(cell)!, 10_000);
      const source = quarters === 1 ? 'analyst estimate' : 'industry yearbook';
      world.emit('market', 'record', `${segment}.${region}.${period}`, { segment, region, period, totalRevenue, source }, at);
    }
  }
};

/** Targets, forecasts, budgets and market sizes, set when each period begins (and on day one). */
export const planDay = (world: World, marketShares: Map<string, number>): void => {
  const first = world.dayIndex === 0;
  const day = world.dayStart;
  if (first || isFirstOfQuarter(day)) {
    setTargets(world, quarterOf(day), 1);
    setBudgets(world);
    recordMarkets(world, quarterOf(day), 1, marketShares);
  }
  if (first || isFirstOfYear(day)) recordMarkets(world, yearOf(day), 4, marketShares);
  if (first || isFirstOfMonth(day)) {
    setTargets(world, monthOf(day), 1 / 3);
    submitForecasts(world);
  }
  // Halfway through a quarter the org target is sometimes revised.
  const date = new Date(day);
  if (date.getUTCMonth() % 3 === 1 && date.getUTCDate() === 15 && world.random.chance(0.4)) {
    const period = quarterOf(day);
    const value = money(perRep(world, 'revenue') * world.activeReps().length * world.random.between(1, 1.2), 1000);
    world.emit('target', 'set', `org.${period}.revenue`, { scope: 'org', period, measure: 'revenue', value }, world.at([]));
  }
};
