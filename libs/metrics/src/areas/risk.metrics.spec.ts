import { DEFAULT_METRICS_CONFIG } from '../definition';
import { EventLog, project } from './test-support';

describe('risk metrics', () => {
  describe('stalled_deals', () => {
    // Stalled from the last touch's day + 15 (more than 14 whole days), until a touch or the close.
    const log = new EventLog()
      .openDeal('2026-01-01', 'd1', { amount: 100, expectedCloseDate: '2026-06-01' }) // stalled from 16 Jan
      .openDeal('2026-01-10', 'd2', { amount: 100, teamId: 't2', ownerRepId: 'r2', expectedCloseDate: '2026-06-01' })
      .activity('2026-01-20', 'd2') // stalled from 4 Feb
      .openDeal('2026-01-05', 'd3', { amount: 100, expectedCloseDate: '2026-06-01' }) // stalled 20 Jan …
      .changeStage('2026-02-10', 'd3', 'qualification') // … until 10 Feb, again from 25 Feb
      .openDeal('2026-01-02', 'd4', { amount: 100, expectedCloseDate: '2026-06-01' }) // stalled 17 Jan …
      .win('2026-01-31', 'd4') // … until it closes
      .openDeal('2026-03-20', 'd9', { amount: 100, teamId: 't9', expectedCloseDate: '2026-06-01' });
    const p = project(log.facts);

    it('counts open deals untouched for more than STALL_DAYS at period end (or now)', () => {
      expect(p.value('stalled_deals', 'org', '2026-01')).toBe(2); // d1, d3 (d4 closed on the 31st)
      expect(p.value('stalled_deals', 'org', '2026-02')).toBe(3); // d1, d2, d3
      expect(p.value('stalled_deals', 'team:t1', '2026-02')).toBe(2);
      expect(p.value('stalled_deals', 'rep:r2', '2026-02')).toBe(1);
      expect(p.value('stalled_deals', 'org', '2026-03')).toBe(3); // now = 20 March; d9 is fresh
      expect(p.state.levelOn('stalled_deals', 'org', '2026-01-30')).toBe(3); // d1, d3, d4
      expect(p.state.levelOn('stalled_deals', 'org', '2026-01-15')).toBe(0);
    });

    it('counts a period not started yet now, not on the eve of its start', () => {
      // now = 20 March: d9, opened that day, would stall from 4 April if nothing happened.
      expect(p.value('stalled_deals', 'org', '2026-06')).toBe(3);
      expect(p.value('stalled_deals', 'org', '2026-Q3')).toBe(3);
      expect(p.value('stalled_deals', 'org', '2026-Q1')).toBe(3);
      expect(p.state.levelOn('stalled_deals', 'org', '2026-05-31')).toBe(4);
    });

    it('follows the configured STALL_DAYS', () => {
      const q = project(log.facts, { ...DEFAULT_METRICS_CONFIG, stallDays: 30 });
      expect(q.value('stalled_deals', 'org', '2026-01')).toBe(0);
      expect(q.value('stalled_deals', 'org', '2026-02')).toBe(2); // d1 from 1 Feb, d2 from 20 Feb; d3 touched 10 Feb
    });
  });

  describe('revenue_concentration', () => {
    const log = new EventLog();
    const sales: [string, string, number, string][] = [
      ['c1', 'd1', 1000, '2026-02-01'],
      ['c2', 'd2', 900, '2026-01-10'],
      ['c3', 'd3', 800, '2026-01-10'],
      ['c4', 'd4', 700, '2026-01-10'],
      ['c5', 'd5', 600, '2026-01-10'],
      ['c6', 'd6', 500, '2026-01-10'],
      ['c7', 'd7', 200, '2026-01-10'],
      ['c7', 'd8', 300, '2026-01-11'],
    ];
    for (const [customerId, dealId, amount, wonOn] of sales) {
      const teamId = customerId === 'c6' || customerId === 'c7' ? 't2' : 't1';
      log.openDeal('2026-01-01', dealId, { customerId, teamId, amount, expectedCloseDate: '2026-03-01' }).win(wonOn, dealId);
    }
    const p = project(log.facts);

    it('is the top 5 customers’ share of won revenue', () => {
      expect(p.value('revenue_concentration', 'org', '2026-Q1')).toBe(0.8); // (1000 + 900 + 800 + 700 + 600) / 5000
      expect(p.value('revenue_concentration', 'org', '2026-01')).toBe(0.875); // (900 + 800 + 700 + 600 + 500) / 4000
      expect(p.value('revenue_concentration', 'team:t2', '2026-Q1')).toBe(1); // c6 500, c7 200 + 300
      const top = p.result('revenue_concentration', 'org', '2026-01').inputs.topCustomers as { customerId: string }[];
      expect(top.map((c) => c.customerId)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6']); // c6 and c7 tie at 500: by id
    });

    it('is null without won revenue', () => {
      expect(p.value('revenue_concentration', 'org', '2026-04')).toBeNull();
    });
  });

  describe('at_risk_customers', () => {
    const log = new EventLog()
      .register('2026-01-01', 'c1')
      .register('2026-01-01', 'c2')
      .register('2026-01-01', 'c3', { teamId: 't2' })
      .register('2026-01-01', 'c4')
      .register('2026-01-01', 'c5', { teamId: 't2' })
      .register('2026-01-01', 'c6', { teamId: 't2' })
      .survey('2026-01-10', 'c1', 'csat', 2) // at risk …
      .survey('2026-02-10', 'c1', 'csat', 5) // … until a good survey
      .openComplaint('2026-01-15', 'c2', 'k1', 'high')
      .resolveComplaint('2026-02-20', 'c2', 'k1')
      .survey('2026-01-20', 'c3', 'nps', 6)
      .churn('2026-01-25', 'c3') // churned customers are not at risk
      .openComplaint('2026-01-05', 'c4', 'k2', 'low') // low severity: no risk
      .survey('2026-01-05', 'c5', 'nps', 9)
      .survey('2026-01-02', 'c5', 'nps', 3) // recorded later, happened earlier: risk from 2 to 5 Jan only
      .survey('2026-01-03', 'c6', 'nps', 4)
      .churn('2026-01-10', 'c6')
      .reactivate('2026-02-15', 'c6'); // back, and its latest survey is still bad
    const p = project(log.facts);

    it('counts active customers with a bad latest survey or an open high complaint', () => {
      expect(p.value('at_risk_customers', 'org', '2026-01')).toBe(2); // c1, c2
      expect(p.value('at_risk_customers', 'team:t2', '2026-01')).toBe(0);
      expect(p.value('at_risk_customers', 'org', '2026-02')).toBe(1); // now = 20 Feb: c6
      expect(p.value('at_risk_customers', 'team:t2', '2026-02')).toBe(1);
      expect(p.state.levelOn('at_risk_customers', 'org', '2026-01-03')).toBe(2); // c5, c6
      expect(p.state.levelOn('at_risk_customers', 'org', '2026-01-05')).toBe(1); // c6
    });
  });
});
