import { applyEvent, foldRouter } from '../apply';
import { metricFolds } from '../catalogue';
import { DEFAULT_METRICS_CONFIG } from '../definition';
import { EventLog, project } from './test-support';

describe('market_share', () => {
  // Given Q2 market sizes smb/north 10000, ent/north 20000, smb/south 5000 and none for ent/south.
  const log = new EventLog()
    .marketSize('2026-04-01', 'smb', 'north', '2026-Q2', 10000)
    .marketSize('2026-04-01', 'ent', 'north', '2026-Q2', 20000)
    .marketSize('2026-04-01', 'smb', 'south', '2026-Q2', 4000)
    .marketSize('2026-04-02', 'smb', 'south', '2026-Q2', 5000) // a correction: the latest counts
    .openDeal('2026-04-05', 'd1', { amount: 1000, segment: 'smb', region: 'north', expectedCloseDate: '2026-05-01' })
    .openDeal('2026-04-05', 'd2', { amount: 3000, segment: 'ent', region: 'north', expectedCloseDate: '2026-05-01' })
    .openDeal('2026-04-05', 'd3', { amount: 500, segment: 'smb', region: 'south', expectedCloseDate: '2026-05-01' })
    .openDeal('2026-04-05', 'd4', { amount: 2000, segment: 'ent', region: 'south', expectedCloseDate: '2026-05-01' })
    .win('2026-04-20', 'd1')
    .win('2026-05-20', 'd2')
    .win('2026-06-20', 'd3')
    .win('2026-06-21', 'd4');
  const p = project(log.facts);

  it('sums won revenue and market size over the cells of the scope that have a market size', () => {
    expect(p.value('market_share', 'segment:smb', '2026-Q2')).toBe(0.1); // (1000 + 500) / (10000 + 5000)
    expect(p.value('market_share', 'segment:ent', '2026-Q2')).toBe(0.15); // 3000 / 20000
    expect(p.value('market_share', 'region:north', '2026-Q2')).toBe(0.133333); // 4000 / 30000
    expect(p.value('market_share', 'region:south', '2026-Q2')).toBe(0.1); // 500 / 5000, ent/south left out
    expect(p.value('market_share', 'org', '2026-Q2')).toBe(0.128571); // 4500 / 35000
    expect(p.result('market_share', 'region:south', '2026-Q2').inputs).toEqual({ wonRevenue: 500, marketRevenue: 5000, cells: ['smb/south'] });
  });

  it('is null where no market size is recorded for exactly that period', () => {
    expect(p.value('market_share', 'segment:smb', '2026-04')).toBeNull();
    expect(p.value('market_share', 'org', '2026')).toBeNull();
    expect(p.result('market_share', 'org', '2026').inputs.reason).toMatch(/no market size/);
  });

  it('is re-evaluated for every segment, region and org when only a market size changes', () => {
    const r = project(log.facts);
    r.state.takeTouched();
    const [later] = new EventLog().marketSize('2026-04-01', 'ent', 'south', '2026-Q2', 10000).facts;
    applyEvent(r.state, foldRouter(metricFolds), later.event, later.meta, DEFAULT_METRICS_CONFIG);
    // The new size touches only its internal cell, yet every market_share scope is re-evaluated.
    const changed = r.evaluator.affected(r.state.takeTouched()).filter((v) => v.metric === 'market_share' && v.period === '2026-Q2');
    expect(changed.find((v) => v.scope === 'region:south')?.value).toBe(0.166667); // (500 + 2000) / 15000
    expect(changed.find((v) => v.scope === 'org')?.value).toBe(0.144444); // 6500 / 45000
  });
});
