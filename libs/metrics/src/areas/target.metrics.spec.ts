import { EventLog, project } from './test-support';

describe('target metrics', () => {
  // Given: d1 won 1200 in January; d2 (500, closes 28 Jan) and d3 (800, closes 10 Mar) stay open.
  const base = () =>
    new EventLog()
    .openDeal('2026-01-05', 'd1', { amount: 1000, expectedCloseDate: '2026-01-20' })
    .win('2026-01-20', 'd1', 1200)
    .openDeal('2026-01-06', 'd2', { amount: 500, stage: 'proposal', expectedCloseDate: '2026-01-28' })
    .openDeal('2026-01-07', 'd3', { amount: 800, expectedCloseDate: '2026-03-10' })
    .openDeal('2026-01-08', 'd4', { amount: 300, teamId: 't2', ownerRepId: 'r2', expectedCloseDate: '2026-01-30' })
    .lose('2026-01-09', 'd4')
    .register('2026-01-10', 'c1')
    .register('2026-01-11', 'c2')
    .target('2026-01-01', 'org', '2026-01', 'revenue', 2000)
    .target('2026-01-01', 'team:t1', '2026-01', 'revenue', 1000)
    .target('2026-01-01', 'rep:r1', '2026-Q1', 'revenue', 3000)
    .target('2026-01-01', 'org', '2026-01', 'wonDeals', 4)
    .target('2026-01-01', 'rep:r1', '2026-01', 'wonDeals', 2)
    .target('2026-01-01', 'org', '2026-01', 'newCustomers', 5);
  const p = project(base().facts);

  describe('target_attainment', () => {
    it('divides won revenue by the target of the same scope and period', () => {
      expect(p.value('target_attainment', 'org', '2026-01')).toBe(0.6); // 1200 / 2000
      expect(p.value('target_attainment', 'team:t1', '2026-01')).toBe(1.2); // 1200 / 1000
      expect(p.value('target_attainment', 'rep:r1', '2026-Q1')).toBe(0.4); // 1200 / 3000
      expect(p.result('target_attainment', 'org', '2026-01').inputs).toEqual({ wonRevenue: 1200, target: 2000 });
    });

    it('is null where no target is set for that period, and org is not summed from teams', () => {
      expect(p.value('target_attainment', 'rep:r1', '2026-01')).toBeNull(); // only a quarter target
      expect(p.value('target_attainment', 'org', '2026-Q1')).toBeNull();
      expect(p.value('target_attainment', 'team:t2', '2026-01')).toBeNull();
      expect(p.result('target_attainment', 'org', '2026-Q1').inputs.reason).toMatch(/no revenue target/);
    });

    it('takes the latest revision of a target', () => {
      const revised = project(new EventLog().openDeal('2026-01-05', 'd1', { amount: 500, expectedCloseDate: '2026-01-20' }).win('2026-01-20', 'd1')
        .target('2026-01-01', 'org', '2026-01', 'revenue', 2000)
        .target('2026-01-02', 'org', '2026-01', 'revenue', 1000, 2000).facts);
      expect(revised.value('target_attainment', 'org', '2026-01')).toBe(0.5); // 500 / 1000
    });
  });

  describe('won_deals_attainment', () => {
    it('divides won deals by the wonDeals target', () => {
      expect(p.value('won_deals_attainment', 'org', '2026-01')).toBe(0.25); // 1 / 4
      expect(p.value('won_deals_attainment', 'rep:r1', '2026-01')).toBe(0.5); // 1 / 2
      expect(p.value('won_deals_attainment', 'team:t1', '2026-01')).toBeNull();
    });
  });

  describe('new_customer_attainment', () => {
    it('divides customers registered in period by the newCustomers target', () => {
      expect(p.value('new_customer_attainment', 'org', '2026-01')).toBe(0.4); // 2 / 5
      expect(p.value('new_customer_attainment', 'org', '2026-02')).toBeNull();
    });
  });

  describe('pipeline_coverage', () => {
    it('divides open pipeline closing in period by what is left of the target', () => {
      expect(p.value('pipeline_coverage', 'org', '2026-01')).toBe(0.625); // 500 / (2000 − 1200)
      expect(p.value('pipeline_coverage', 'rep:r1', '2026-Q1')).toBe(0.722222); // (500 + 800) / (3000 − 1200)
      expect(p.result('pipeline_coverage', 'org', '2026-01').inputs).toEqual({ openPipeline: 500, target: 2000, wonRevenue: 1200, gap: 800 });
    });

    it('is null when the target is met or missing', () => {
      expect(p.value('pipeline_coverage', 'team:t1', '2026-01')).toBeNull(); // 1200 ≥ 1000
      expect(p.result('pipeline_coverage', 'team:t1', '2026-01').inputs.reason).toMatch(/target met/);
      expect(p.value('pipeline_coverage', 'org', '2026-03')).toBeNull();
    });

    it('drops a deal from the pipeline once it closes', () => {
      const closed = project(base().lose('2026-01-12', 'd2').facts);
      expect(closed.value('pipeline_coverage', 'org', '2026-01')).toBe(0); // 0 / 800
    });
  });
});
