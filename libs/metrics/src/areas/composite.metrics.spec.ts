import { DEFAULT_METRICS_CONFIG } from '../definition';
import { EventLog, project } from './test-support';

describe('sales_management_score', () => {
  // Given, in June: t1/r1 wins 1200 against a 1000 target, loses one, csat 3 of 4 good, spends 180;
  // t2/r2 wins 600; t3/r3 loses one. Each team has one rep all month; r5 left in 2025.
  const base = () =>
    new EventLog()
      .hire('2025-01-01', 'r5', 't1')
      .leave('2025-02-01', 'r5')
      .hire('2026-05-01', 'r1', 't1')
      .hire('2026-05-01', 'r2', 't2')
      .hire('2026-05-01', 'r3', 't3')
      .target('2026-05-01', 'team:t1', '2026-06', 'revenue', 1000)
      .register('2026-05-01', 'c1')
      .survey('2026-06-01', 'c1', 'csat', 5)
      .survey('2026-06-02', 'c1', 'csat', 5)
      .survey('2026-06-03', 'c1', 'csat', 4)
      .survey('2026-06-04', 'c1', 'csat', 1)
      .openDeal('2026-06-01', 'd1', { amount: 1200, expectedCloseDate: '2026-06-30' })
      .openDeal('2026-06-01', 'd2', { amount: 800, expectedCloseDate: '2026-06-30' })
      .openDeal('2026-06-01', 'd3', { amount: 600, teamId: 't2', ownerRepId: 'r2', expectedCloseDate: '2026-06-30' })
      .openDeal('2026-06-01', 'd4', { amount: 900, teamId: 't3', ownerRepId: 'r3', expectedCloseDate: '2026-06-30' })
      .win('2026-06-10', 'd1')
      .lose('2026-06-11', 'd2')
      .win('2026-06-12', 'd3')
      .lose('2026-06-13', 'd4')
      .expense('2026-06-14', 'e1', { category: 'travel', amount: 180 });
  const p = project(base().facts);

  it('weights the sub-scores of a team', () => {
    // 0.3 × 100 (1.2 ÷ 1.2) + 0.2 × 75 + 0.2 × 50 + 0.15 × 100 (above both peers) + 0.15 × 50 (0.15 ÷ 0.3)
    expect(p.value('sales_management_score', 'team:t1', '2026-06')).toBe(77.5);
  });

  it('leaves null inputs out and rescales the other weights', () => {
    // win_rate 100, percentile 50 (t1 above, t3 below), cost 100: (0.2 × 100 + 0.15 × 50 + 0.15 × 100) ÷ 0.5
    expect(p.value('sales_management_score', 'team:t2', '2026-06')).toBe(85);
    const inputs = p.result('sales_management_score', 'team:t2', '2026-06').inputs as Record<string, any>;
    expect(inputs.leftOut).toEqual(['target_attainment', 'csat']);
    expect(inputs.used).toEqual(['win_rate', 'market_or_revenue_percentile', 'cost_of_sales_ratio']);
    expect(inputs.subScores.win_rate).toEqual({ value: 1, subScore: 100, weight: 0.4, defaultWeight: 0.2 });
    expect(inputs.subScores.market_or_revenue_percentile).toMatchObject({ value: 0.5, subScore: 50, weight: 0.3 });
    expect(inputs.subScores.target_attainment).toMatchObject({ value: null, subScore: null, weight: 0 });
    expect(inputs.percentileOf).toBe('revenue_per_rep');
    // t3: win_rate 0 and percentile 0; no revenue, so no cost ratio.
    expect(p.value('sales_management_score', 'team:t3', '2026-06')).toBe(0);
  });

  it('scores reps by their own won revenue percentile among reps employed in the period', () => {
    // r1: (0.2 × 75 + 0.2 × 50 + 0.15 × 100 + 0.15 × 50) ÷ 0.7
    expect(p.value('sales_management_score', 'rep:r1', '2026-06')).toBe(67.857143);
    // r2: win 100, percentile 50 (r1 above, r3 below; r5 left in 2025 and is no peer), cost 100
    expect(p.value('sales_management_score', 'rep:r2', '2026-06')).toBe(85);
    const inputs = p.result('sales_management_score', 'rep:r2', '2026-06').inputs as Record<string, any>;
    expect(inputs.subScores.market_or_revenue_percentile.value).toBe(0.5);
    expect(inputs.percentileOf).toBe('won_revenue');
  });

  it('counts ties as half in the percentile', () => {
    const q = project(
      base()
        .hire('2026-05-01', 'r4', 't4')
        .openDeal('2026-06-01', 'd5', { amount: 600, teamId: 't4', ownerRepId: 'r4', expectedCloseDate: '2026-06-30' })
        .win('2026-06-15', 'd5').facts,
    );
    const percentile = (scope: string) => (q.result('sales_management_score', scope, '2026-06').inputs as any).subScores.market_or_revenue_percentile.value;
    expect(percentile('team:t2')).toBe(0.5); // (1 lower + ½ × 1 tie) ÷ 3 others
    expect(percentile('team:t1')).toBe(1);
    expect(percentile('team:t3')).toBe(0);
  });

  it('has no percentile without peers, and is null when every input is', () => {
    const alone = project(new EventLog().hire('2026-05-01', 'r1', 't1').openDeal('2026-06-01', 'd1', { amount: 100, expectedCloseDate: '2026-06-30' }).facts);
    const result = alone.result('sales_management_score', 'team:t1', '2026-06');
    expect(result.value).toBeNull();
    expect((result.inputs as any).subScores.market_or_revenue_percentile.reason).toBe('no peers to compare with');
    expect(p.value('sales_management_score', 'org', '2026-06')).toBeNull(); // teams and reps only
  });

  it('uses the configured weights and cost ceiling', () => {
    const weights = { target_attainment: 0.5, csat: 0, win_rate: 0.5, market_or_revenue_percentile: 0, cost_of_sales_ratio: 0 };
    expect(project(base().facts, { ...DEFAULT_METRICS_CONFIG, scoreWeights: weights }).value('sales_management_score', 'team:t1', '2026-06')).toBe(75); // 0.5 × 100 + 0.5 × 50
    const ceiling = project(base().facts, { ...DEFAULT_METRICS_CONFIG, costRatioCeiling: 0.15 });
    expect(ceiling.value('sales_management_score', 'team:t1', '2026-06')).toBe(70); // cost sub-score 0: 77.5 − 0.15 × 50
  });
});
