import { DAY_MS, dayLabel } from './calendar';
import { submitExpense } from './expenses';
import { clamp, type CustomerState, type DealState, money, planningScopes, type World } from './world';

export const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
export const DEFAULT_PROBABILITY = [0.1, 0.2, 0.5, 0.8];
const NEGOTIATION = 3;

/** Typical deal by segment: median amount (CNY) and days from open to close. */
export const SEGMENT_PROFILE: Readonly<Record<string, { median: number; cycle: number }>> = {
  enterprise: { median: 600_000, cycle: 90 },
  midmarket: { median: 120_000, cycle: 45 },
  smb: { median: 25_000, cycle: 20 },
};
const CHANNEL_WIN_FACTOR: Readonly<Record<string, number>> = { direct: 1.05, partner: 0.95, online: 0.9, referral: 1.15 };
const ACTIVITY_WEIGHTS = { email: 35, call: 30, meeting: 15, demo: 10, visit: 10 };
const LOSS_REASONS = { 'lost to competitor': 4, price: 3, 'no decision': 2, timing: 2, 'product fit': 1 };
const COMPETITORS = ['Kingdee', 'Yonyou', 'Salesforce', 'SAP', 'Oracle', 'Microsoft', 'Zoho'];
/** Existing customers open a new deal about this often (per active customer and day). */
const REPEAT_DEAL_HAZARD = 1 / 260;

const ownerOf = (world: World, customer: CustomerState) => {
  const owner = world.reps.get(customer.ownerRepId);
  if (owner?.active) return owner;
  const team = world.activeReps(customer.teamId);
  return team.length > 0 ? world.random.pick(team) : world.random.pick(world.activeReps());
};

export const openDeal = (world: World, customer: CustomerState): void => {
  const { random } = world;
  const owner = ownerOf(world, customer);
  const profile = SEGMENT_PROFILE[customer.segment];
  const cycleDays = profile.cycle * random.between(0.7, 1.4);
  const stage = random.chance(0.7) ? 0 : 1;
  const deal: DealState = {
    id: world.nextId('D'),
    customerId: customer.id,
    ownerRepId: owner.id,
    teamId: owner.teamId,
    region: customer.region,
    channel: random.chance(0.85) ? customer.channel : random.pick(['direct', 'partner', 'online', 'referral']),
    segment: customer.segment,
    amount: money(random.logNormal(profile.median, 0.5), 100),
    stage,
    probability: DEFAULT_PROBABILITY[stage],
    expectedClose: world.dayStart + Math.round(cycleDays) * DAY_MS,
    cycleDays,
    engagement: clamp(random.logNormal(1, 0.5), 0.2, 3),
    lastAt: customer.lastAt,
  };
  world.openDeals.set(deal.id, deal);
  const { id: dealId, customerId, ownerRepId, teamId, region, channel, segment, amount } = deal;
  const body = { dealId, customerId, ownerRepId, teamId, region, channel, segment, amount, stage: STAGES[stage], expectedCloseDate: dayLabel(deal.expectedClose) };
  world.emit('deal', 'open', dealId, body, world.at([deal]));
};

const win = (world: World, deal: DealState): void => {
  const { random } = world;
  const negotiated = random.chance(0.3) ? money(deal.amount * random.between(0.85, 1), 100) : undefined;
  const amount = negotiated ?? deal.amount;
  const at = world.at([deal]);
  world.openDeals.delete(deal.id);
  world.emit('deal', 'win', deal.id, negotiated === undefined ? {} : { amount: negotiated }, at);
  world.tally('revenue', planningScopes(deal.teamId, deal.ownerRepId), at, amount);
  world.tally('wonDeals', planningScopes(deal.teamId, deal.ownerRepId), at);
  world.tally('cellRevenue', [`${deal.segment}/${deal.region}`], at, amount);
  world.later(random.int(2, 10), () => {
    const owner = world.reps.get(deal.ownerRepId);
    if (owner?.active) submitExpense(world, owner, 'commission', money(amount * random.between(0.03, 0.05)));
  });
};

const lose = (world: World, deal: DealState, reason: string = world.random.weighted(LOSS_REASONS)): void => {
  const { random } = world;
  const competitor = reason === 'lost to competitor' || random.chance(0.3) ? random.pick(COMPETITORS) : undefined;
  world.openDeals.delete(deal.id);
  world.emit('deal', 'lose', deal.id, competitor ? { reason, competitor } : { reason }, world.at([deal]));
};

const advance = (world: World, deal: DealState): void => {
  const { random } = world;
  deal.stage = Math.min(NEGOTIATION, deal.stage + (deal.segment === 'smb' && random.chance(0.2) ? 2 : 1));
  const custom = random.chance(0.35);
  deal.probability = custom ? Math.round(clamp(DEFAULT_PROBABILITY[deal.stage] + random.normal(0, 0.08), 0.05, 0.95) * 100) / 100 : DEFAULT_PROBABILITY[deal.stage];
  world.emit('deal', 'stage', deal.id, custom ? { stage: STAGES[deal.stage], probability: deal.probability } : { stage: STAGES[deal.stage] }, world.at([deal]));
};

/** One day in the life of an open deal: attention, progress, and sooner or later a decision. */
const progress = (world: World, deal: DealState): void => {
  const { random } = world;
  const pace = deal.engagement * world.activity;
  if (random.chance(0.14 * pace)) world.emit('deal', 'activity', deal.id, { kind: random.weighted(ACTIVITY_WEIGHTS) }, world.at([deal]));
  if (random.chance((1 / 60) * pace)) {
    const amount = money(deal.amount * random.logNormal(1, 0.12), 100);
    if (amount !== deal.amount) {
      deal.amount = amount;
      world.emit('deal', 'amount', deal.id, { amount }, world.at([deal]));
    }
  }
  const overdue = world.dayStart > deal.expectedClose + deal.cycleDays * 0.75 * DAY_MS;
  if (overdue && random.chance(0.1)) return lose(world, deal, 'no decision');
  if (deal.stage < NEGOTIATION) {
    if (random.chance((3.5 / deal.cycleDays) * pace)) advance(world, deal);
    else if (random.chance(1 / (deal.cycleDays * 2.5))) lose(world, deal);
    return;
  }
  if (!random.chance((6 / deal.cycleDays) * world.activity)) return;
  const skill = world.reps.get(deal.ownerRepId)?.skill ?? 1;
  if (random.chance(clamp(0.6 * skill * (CHANNEL_WIN_FACTOR[deal.channel] ?? 1), 0.2, 0.9))) win(world, deal);
  else lose(world, deal);
};

export const dealsDay = (world: World): void => {
  const { random } = world;
  for (const deal of world.openDeals.values()) progress(world, deal);
  const active = world.customers.filter((c) => c.active);
  const repeats = random.poisson(active.length * REPEAT_DEAL_HAZARD * world.activity);
  for (let i = 0; i < repeats && active.length > 0; i++) openDeal(world, random.pick(active));
};
