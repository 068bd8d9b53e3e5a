import { EventLog, project } from './test-support';

describe('cost metrics', () => {
  // Given, in May: c1, c2 (t1, acquired direct) and c3 (t2, acquired via partner) register;
  // d1 (c1) wins 10000, d3 (c2, sold through a partner) 2000, d2 (c3) 5000.
  const log = new EventLog()
    .register('2026-05-01', 'c1')
    .register('2026-05-02', 'c2')
    .register('2026-05-03', 'c3', { ownerRepId: 'r2', teamId: 't2', channel: 'partner' })
    .openDeal('2026-05-04', 'd1', { customerId: 'c1', amount: 10000, expectedCloseDate: '2026-05-30' })
    .openDeal('2026-05-04', 'd2', { customerId: 'c3', ownerRepId: 'r2', teamId: 't2', channel: 'partner', amount: 5000, expectedCloseDate: '2026-05-30' })
    .openDeal('2026-05-04', 'd3', { customerId: 'c2', channel: 'partner', amount: 2000, expectedCloseDate: '2026-05-30' })
    .win('2026-05-10', 'd1')
    .win('2026-05-11', 'd2')
    .win('2026-05-12', 'd3')
    .expense('2026-05-05', 'e1', { category: 'travel', amount: 500 })
    .expense('2026-05-06', 'e2', { category: 'marketing', amount: 1000, channel: 'direct' })
    .expense('2026-05-07', 'e3', { category: 'entertainment', amount: 300, repId: 'r2', teamId: 't2' })
    .expense('2026-05-08', 'e4', { category: 'commission', amount: 200, repId: 'r2', teamId: 't2' })
    .expense('2026-05-09', 'e5', { category: 'marketing', amount: 400, channel: 'partner' })
    .expense('2026-04-28', 'e6', { category: 'travel', amount: 100 }, '2026-05-02') // incurred April, approved May
    .budget('2026-04-01', 'org', '2026-05', 'total', 4800)
    .budget('2026-04-01', 'org', '2026-05', 'travel', 99999) // a total budget, when set, is the whole budget
    .budget('2026-04-01', 'team:t1', '2026-05', 'travel', 1000)
    .budget('2026-04-01', 'team:t1', '2026-05', 'marketing', 1000);
  const p = project(log.facts);

  it('cost_of_sales_ratio: approved expenses ÷ won revenue', () => {
    expect(p.value('cost_of_sales_ratio', 'org', '2026-05')).toBe(0.141176); // 2400 / 17000
    expect(p.value('cost_of_sales_ratio', 'team:t1', '2026-05')).toBe(0.158333); // 1900 / 12000
    expect(p.value('cost_of_sales_ratio', 'rep:r2', '2026-05')).toBe(0.1); // 500 / 5000
    expect(p.value('cost_of_sales_ratio', 'org', '2026-04')).toBeNull(); // 100 of expenses, nothing won
    expect(p.result('cost_of_sales_ratio', 'org', '2026-04').inputs).toEqual({ expenses: 100, wonRevenue: 0, reason: 'denominator is zero' });
  });

  it('budget_utilisation: all expenses ÷ all budget, with each category in inputs', () => {
    expect(p.value('budget_utilisation', 'org', '2026-05')).toBe(0.5); // 2400 / 4800 (total)
    expect(p.value('budget_utilisation', 'team:t1', '2026-05')).toBe(0.95); // 1900 / (1000 + 1000)
    const inputs = p.result('budget_utilisation', 'team:t1', '2026-05').inputs;
    expect(inputs.budgetBasis).toBe('categories');
    expect(inputs.byCategory).toEqual({
      travel: { expenses: 500, budget: 1000, utilisation: 0.5 },
      marketing: { expenses: 1400, budget: 1000, utilisation: 1.4 },
    });
    expect(p.value('budget_utilisation', 'team:t2', '2026-05')).toBeNull();
    expect(p.value('budget_utilisation', 'org', '2026-Q2')).toBeNull(); // budgets live in their own period
  });

  it('cac: marketing + entertainment + travel ÷ new customers', () => {
    expect(p.value('cac', 'org', '2026-05')).toBe(733.333333); // (1400 + 300 + 500) / 3
    expect(p.value('cac', 'team:t1', '2026-05')).toBe(950); // (1400 + 500) / 2
    expect(p.value('cac', 'team:t2', '2026-05')).toBe(300); // 300 / 1
    expect(p.value('cac', 'channel:direct', '2026-05')).toBe(500); // 1000 / 2
    expect(p.value('cac', 'channel:partner', '2026-05')).toBe(400); // 400 / 1
    expect(p.value('cac', 'org', '2026-04')).toBeNull(); // 100 of travel, no new customer
  });

  it('marketing_roi: (revenue of customers acquired via the channel − its marketing) ÷ its marketing', () => {
    expect(p.value('marketing_roi', 'channel:direct', '2026-05')).toBe(11); // (10000 + 2000 − 1000) / 1000
    expect(p.value('marketing_roi', 'channel:partner', '2026-05')).toBe(11.5); // (5000 − 400) / 400
    expect(p.value('marketing_roi', 'org', '2026-05')).toBe(11.142857); // (17000 − 1400) / 1400
    expect(p.value('marketing_roi', 'channel:online', '2026-05')).toBeNull();
  });
});
