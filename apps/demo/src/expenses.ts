import { type RepState, money, type World } from './world';

/** What reps spend on, besides commission: share of submissions and median amount (CNY). */
export const EXPENSE_PROFILE: Readonly<Record<string, { share: number; median: number }>> = {
  travel: { share: 34, median: 2800 },
  entertainment: { share: 18, median: 1600 },
  marketing: { share: 14, median: 9000 },
  tooling: { share: 8, median: 1500 },
  training: { share: 6, median: 3500 },
  other: { share: 8, median: 600 },
};
/** Expense submissions per active rep and working day (commission comes with won deals). */
export const EXPENSES_PER_REP_DAY = 0.09;
/** Each team runs a marketing campaign about twice a month, paid through one of its reps. */
export const CAMPAIGNS_PER_TEAM_DAY = 2 / 21;
export const CAMPAIGN_MEDIAN = 120_000;
const CHANNEL_WEIGHTS = { direct: 20, partner: 30, online: 40, referral: 10 };
const REJECTION_REASONS = ['missing receipt', 'over policy limit', 'duplicate claim', 'not business related'];

export const submitExpense = (world: World, rep: RepState, category: string, amount: number): void => {
  const { random } = world;
  const expense = { id: world.nextId('E'), lastAt: 0 };
  const channel = category === 'marketing' ? random.weighted(CHANNEL_WEIGHTS) : undefined;
  const body = { expenseId: expense.id, repId: rep.id, teamId: rep.teamId, category, amount, ...(channel ? { channel } : {}) };
  world.emit('expense', 'submit', expense.id, body, world.at([expense, rep]));
  world.later(random.int(1, 6), () => {
    if (random.chance(0.95)) world.emit('expense', 'approve', expense.id, {}, world.at([expense]));
    else world.emit('expense', 'reject', expense.id, { reason: random.pick(REJECTION_REASONS) }, world.at([expense]));
  });
};

export const expensesDay = (world: World): void => {
  const { random } = world;
  for (const teamId of world.teams) {
    const team = world.activeReps(teamId);
    if (team.length > 0 && random.chance(CAMPAIGNS_PER_TEAM_DAY * world.activity)) {
      submitExpense(world, random.pick(team), 'marketing', money(random.logNormal(CAMPAIGN_MEDIAN, 0.5), 1000));
    }
  }
  const shares = Object.fromEntries(Object.entries(EXPENSE_PROFILE).map(([category, p]) => [category, p.share]));
  for (const rep of world.activeReps()) {
    const count = random.poisson(EXPENSES_PER_REP_DAY * world.activity);
    for (let i = 0; i < count; i++) {
      const category = random.weighted(shares);
      submitExpense(world, rep, category, money(random.logNormal(EXPENSE_PROFILE[category].median, 0.6), 10));
    }
  }
};
