import { DEFAULT_METRICS_CONFIG } from '../definition';
import { EventLog, project } from './test-support';

describe('lifecycle metrics', () => {
  // Given c1 (t1, smb), c2 (t1, ent), c3 (t2, smb, r2, partner, south) in January, c4 (t1, smb) in February.
  const log = new EventLog()
    .register('2026-01-10', 'c1')
    .register('2026-01-15', 'c2', { segment: 'ent' })
    .register('2026-01-20', 'c3', { teamId: 't2', ownerRepId: 'r2', channel: 'partner', region: 'south' })
    .register('2026-02-05', 'c4')
    .churn('2026-02-10', 'c1')
    .churn('2026-02-20', 'c3')
    .reactivate('2026-03-05', 'c3')
    .churn('2026-03-15', 'c4')
    .openDeal('2026-01-11', 'd1', { customerId: 'c1', amount: 100, expectedCloseDate: '2026-01-20' })
    .openDeal('2026-01-11', 'd2', { customerId: 'c1', amount: 1000, expectedCloseDate: '2026-02-15' })
    .openDeal('2026-01-16', 'd3', { customerId: 'c2', segment: 'ent', amount: 100, expectedCloseDate: '2026-01-25' })
    .openDeal('2026-02-21', 'd4', { customerId: 'c3', teamId: 't2', amount: 100, expectedCloseDate: '2026-03-01' })
    .openDeal('2026-02-21', 'd5', { customerId: 'c3', teamId: 't2', amount: 200, expectedCloseDate: '2026-03-02' })
    .openDeal('2026-02-21', 'd6', { customerId: 'c3', teamId: 't2', amount: 300, expectedCloseDate: '2026-03-03' })
    .win('2026-01-20', 'd1')
    .win('2026-02-15', 'd2')
    .win('2026-01-25', 'd3')
    .win('2026-03-01', 'd4')
    .win('2026-03-02', 'd5')
    .win('2026-03-03', 'd6')
    .register('2026-04-30', 'c9', { teamId: 't9' }); // moves "now" past March
  const p = project(log.facts);

  it('new_customers: customers registered in period, in every dimension', () => {
    expect(p.value('new_customers', 'org', '2026-01')).toBe(3);
    expect(p.value('new_customers', 'org', '2026-Q1')).toBe(4);
    expect(p.value('new_customers', 'team:t1', '2026-01')).toBe(2);
    expect(p.value('new_customers', 'rep:r2', '2026-01')).toBe(1);
    expect(p.value('new_customers', 'channel:partner', '2026-Q1')).toBe(1);
    expect(p.value('new_customers', 'segment:smb', '2026-01')).toBe(2);
    expect(p.value('new_customers', 'region:north', '2026-Q1')).toBe(3);
  });

  it('active_customers: registered and not churned at the end of the period', () => {
    expect(p.value('active_customers', 'org', '2026-01')).toBe(3);
    expect(p.value('active_customers', 'org', '2026-02')).toBe(2); // c2, c4
    expect(p.value('active_customers', 'org', '2026-03')).toBe(2); // c2, c3 (reactivated)
    expect(p.value('active_customers', 'segment:smb', '2026-02')).toBe(1); // c4
    expect(p.value('active_customers', 'team:t2', '2026-Q1')).toBe(1); // c3
  });

  it('churn_rate: churned in period ÷ active at period start', () => {
    expect(p.value('churn_rate', 'org', '2026-02')).toBe(0.666667); // c1, c3 of 3
    expect(p.value('churn_rate', 'org', '2026-03')).toBe(0.5); // c4 of 2
    expect(p.value('churn_rate', 'team:t1', '2026-02')).toBe(0.5); // c1 of (c1, c2)
    expect(p.value('churn_rate', 'segment:smb', '2026-02')).toBe(1); // c1, c3 of (c1, c3)
    expect(p.value('churn_rate', 'org', '2026-01')).toBeNull(); // nobody active on 31 December
    expect(p.result('churn_rate', 'org', '2026-02').inputs).toEqual({ churned: 2, activeAtStart: 3 });
  });

  it('retention_rate: 1 − churn_rate', () => {
    expect(p.value('retention_rate', 'org', '2026-02')).toBe(0.333333);
    expect(p.value('retention_rate', 'org', '2026-03')).toBe(0.5);
    expect(p.value('retention_rate', 'org', '2026-01')).toBeNull();
  });

  it('repeat_purchase_rate: customers with ≥ 2 won deals ÷ customers with ≥ 1, to date', () => {
    expect(p.value('repeat_purchase_rate', 'org', '2026-01')).toBe(0); // c1, c2 bought once
    expect(p.value('repeat_purchase_rate', 'org', '2026-02')).toBe(0.5); // c1 again
    expect(p.value('repeat_purchase_rate', 'org', '2026-03')).toBe(0.666667); // c1, c3 of c1, c2, c3
    expect(p.value('repeat_purchase_rate', 'team:t2', '2026-03')).toBe(1); // the customer's own team
    expect(p.value('repeat_purchase_rate', 'segment:ent', '2026-03')).toBe(0);
    expect(p.value('repeat_purchase_rate', 'team:t9', '2026-03')).toBeNull();
  });

  it('customer_lifetime_value: (won revenue ÷ active customers) × margin ÷ churn_rate', () => {
    expect(p.value('customer_lifetime_value', 'org', '2026-02')).toBe(225); // (1000 / 2) × 0.3 ÷ (2/3)
    expect(p.value('customer_lifetime_value', 'org', '2026-03')).toBe(180); // (600 / 2) × 0.3 ÷ 0.5
    expect(p.value('customer_lifetime_value', 'segment:smb', '2026-02')).toBe(300); // (1000 / 1) × 0.3 ÷ 1
    expect(p.value('customer_lifetime_value', 'org', '2026-01')).toBeNull(); // churn_rate null
    expect(p.value('customer_lifetime_value', 'segment:ent', '2026-02')).toBeNull(); // churn_rate 0
  });

  it('customer_lifetime_value uses the configured gross margin', () => {
    const q = project(log.facts, { ...DEFAULT_METRICS_CONFIG, grossMargin: 0.6 });
    expect(q.value('customer_lifetime_value', 'org', '2026-02')).toBe(450);
  });
});
