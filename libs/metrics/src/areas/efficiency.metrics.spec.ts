import { EventLog, project } from './test-support';

describe('efficiency metrics', () => {
  // Given, in April 2026 (30 days): r1, r2 in t1 all month; r3 in t2 from 16 April (15 days).
  // Average headcount: org (30 + 30 + 15) / 30 = 2.5; t1 60 / 30 = 2; t2 15 / 30 = 0.5.
  const log = new EventLog()
    .hire('2026-03-01', 'r1', 't1')
    .hire('2026-03-01', 'r2', 't1')
    .hire('2026-04-16', 'r3', 't2')
    .openDeal('2026-03-27T00:00:00Z', 'd2', { amount: 3000, ownerRepId: 'r2', channel: 'partner', segment: 'ent', expectedCloseDate: '2026-04-30' })
    .openDeal('2026-04-01T00:00:00Z', 'd1', { amount: 1000, expectedCloseDate: '2026-04-30' })
    .openDeal('2026-04-02', 'd3', { amount: 2000, expectedCloseDate: '2026-04-30' })
    .openDeal('2026-04-03', 'd5', { amount: 700, expectedCloseDate: '2026-05-30' })
    .win('2026-04-11T00:00:00Z', 'd1') // 10 days
    .win('2026-04-16T00:00:00Z', 'd2') // 20 days
    .openDeal('2026-04-17', 'd4', { amount: 500, ownerRepId: 'r3', teamId: 't2', channel: 'partner', expectedCloseDate: '2026-05-30' })
    .lose('2026-04-20', 'd3')
    .activity('2026-04-21', 'd5')
    .activity('2026-04-22', 'd5')
    .activity('2026-04-23', 'd5')
    .activity('2026-04-24', 'd4')
    .activity('2026-04-30', 'd4');
  const p = project(log.facts);

  it('win_rate: won ÷ (won + lost) by count, deals closed in period', () => {
    expect(p.value('win_rate', 'org', '2026-04')).toBe(0.666667); // 2 / 3
    expect(p.value('win_rate', 'rep:r1', '2026-04')).toBe(0.5); // d1 won, d3 lost
    expect(p.value('win_rate', 'channel:partner', '2026-04')).toBe(1);
    expect(p.value('win_rate', 'segment:smb', '2026-04')).toBe(0.5);
    expect(p.value('win_rate', 'team:t2', '2026-04')).toBeNull(); // nothing closed
    expect(p.result('win_rate', 'org', '2026-04').inputs).toEqual({ won: 2, lost: 1 });
  });

  it('win_rate_value: won amount ÷ (won + lost amount)', () => {
    expect(p.value('win_rate_value', 'org', '2026-04')).toBe(0.666667); // 4000 / 6000
    expect(p.value('win_rate_value', 'rep:r1', '2026-04')).toBe(0.333333); // 1000 / 3000
    expect(p.value('win_rate_value', 'org', '2026-03')).toBeNull();
  });

  it('avg_sales_cycle_days: mean days opened→won of deals won in period', () => {
    expect(p.value('avg_sales_cycle_days', 'org', '2026-04')).toBe(15); // (10 + 20) / 2
    expect(p.value('avg_sales_cycle_days', 'rep:r2', '2026-04')).toBe(20);
    expect(p.value('avg_sales_cycle_days', 'team:t2', '2026-04')).toBeNull();
  });

  it('avg_deal_size: won revenue ÷ won deals', () => {
    expect(p.value('avg_deal_size', 'org', '2026-04')).toBe(2000); // 4000 / 2
    expect(p.value('avg_deal_size', 'channel:partner', '2026-04')).toBe(3000);
    expect(p.value('avg_deal_size', 'segment:smb', '2026-04')).toBe(1000);
    expect(p.value('avg_deal_size', 'rep:r3', '2026-04')).toBeNull();
  });

  it('revenue_per_rep: won revenue ÷ average headcount', () => {
    expect(p.value('revenue_per_rep', 'org', '2026-04')).toBe(1600); // 4000 / 2.5
    expect(p.value('revenue_per_rep', 'team:t1', '2026-04')).toBe(2000); // 4000 / 2
    expect(p.value('revenue_per_rep', 'team:t2', '2026-04')).toBe(0); // 0 / 0.5
    expect(p.result('revenue_per_rep', 'org', '2026-04').inputs).toEqual({ wonRevenue: 4000, averageHeadcount: 2.5 });
  });

  it('revenue_per_rep is null without headcount or before the period started', () => {
    expect(p.value('revenue_per_rep', 'team:t2', '2026-03')).toBeNull(); // r3 not hired yet
    expect(p.value('revenue_per_rep', 'org', '2026-06')).toBeNull(); // now is 30 April
  });

  it('activities_per_rep: activities ÷ average headcount', () => {
    expect(p.value('activities_per_rep', 'org', '2026-04')).toBe(2); // 5 / 2.5
    expect(p.value('activities_per_rep', 'team:t1', '2026-04')).toBe(1.5); // 3 / 2
    expect(p.value('activities_per_rep', 'team:t2', '2026-04')).toBe(4); // 2 / 0.5
  });

  it('sales_velocity: open deals × avg deal size × win rate ÷ avg cycle days', () => {
    expect(p.value('sales_velocity', 'org', '2026-04')).toBe(177.777778); // 2 open (d4, d5) × 2000 × 2/3 ÷ 15
    expect(p.value('sales_velocity', 'rep:r1', '2026-04')).toBe(50); // 1 (d5) × 1000 × 0.5 ÷ 10
    expect(p.value('sales_velocity', 'team:t2', '2026-04')).toBeNull(); // nothing won
  });

  it('average headcount counts a mid-month transfer in each team for its days', () => {
    const moved = project(new EventLog().hire('2026-03-01', 'r1', 't1').transfer('2026-04-11', 'r1', 't2').hire('2026-04-30', 'r9', 't9').facts);
    expect(moved.result('revenue_per_rep', 'team:t1', '2026-04').inputs.averageHeadcount).toBe(0.333333); // 10 / 30
    expect(moved.result('revenue_per_rep', 'team:t2', '2026-04').inputs.averageHeadcount).toBe(0.666667); // 20 / 30
    expect(moved.result('revenue_per_rep', 'org', '2026-04').inputs.averageHeadcount).toBe(1.033333); // (30 + 1) / 30
  });
});
