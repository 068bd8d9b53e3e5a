import { EventLog, project } from './test-support';

describe('forecast metrics', () => {
  const log = new EventLog()
    .openDeal('2026-05-01', 'd1', { amount: 1000, stage: 'prospecting', expectedCloseDate: '2026-06-10' }) // 0.1
    .openDeal('2026-05-01', 'd2', { amount: 2000, stage: 'proposal', expectedCloseDate: '2026-06-20' }) // 0.5
    .changeStage('2026-05-10', 'd2', 'negotiation', 0.7) // an explicit probability overrides the default 0.8
    .openDeal('2026-05-01', 'd3', { amount: 500, stage: 'qualification', expectedCloseDate: '2026-07-05' }) // 0.2, Q3
    .openDeal('2026-05-01', 'd4', { amount: 800, expectedCloseDate: '2026-06-15' })
    .openDeal('2026-05-01', 'd5', { amount: 3000, stage: 'negotiation', teamId: 't2', ownerRepId: 'r2', expectedCloseDate: '2026-06-30' }) // 0.8
    .openDeal('2026-05-01', 'd6', { amount: 3000, teamId: 't2', ownerRepId: 'r2', expectedCloseDate: '2026-06-30' })
    .changeAmount('2026-05-12', 'd1', 1500)
    .win('2026-06-02', 'd4')
    .win('2026-06-03', 'd6', 3200)
    .forecast('2026-05-20', 'org', '2026-06', 4000)
    .forecast('2026-05-25', 'org', '2026-06', 5000) // the latest commit counts
    .forecast('2026-05-26', 'org', '2026-06', 9000, 'bestCase')
    .forecast('2026-05-20', 'team:t1', '2026-06', 2000)
    .forecast('2026-05-20', 'team:t2', '2026-06', 3000)
    .forecast('2026-05-20', 'rep:r3', '2026-06', 100);
  const p = project(log.facts);

  it('weighted_pipeline: Σ amount × probability of open deals closing in the period', () => {
    expect(p.value('weighted_pipeline', 'org', '2026-06')).toBe(3950); // 1500×0.1 + 2000×0.7 + 3000×0.8
    expect(p.value('weighted_pipeline', 'org', '2026-Q3')).toBe(100); // 500×0.2
    expect(p.value('weighted_pipeline', 'org', '2026')).toBe(4050);
    expect(p.value('weighted_pipeline', 'team:t1', '2026-06')).toBe(1550); // 150 + 1400
    expect(p.value('weighted_pipeline', 'rep:r2', '2026-06')).toBe(2400);
    expect(p.value('weighted_pipeline', 'org', '2026-05')).toBe(0);
  });

  it('forecast_accuracy: 1 − |latest commit − won| ÷ won, floored at 0', () => {
    expect(p.value('forecast_accuracy', 'org', '2026-06')).toBe(0.75); // 1 − |5000 − 4000| / 4000
    expect(p.value('forecast_accuracy', 'team:t2', '2026-06')).toBe(0.9375); // 1 − 200 / 3200
    expect(p.value('forecast_accuracy', 'team:t1', '2026-06')).toBe(0); // 1 − 1200 / 800 < 0
    expect(p.result('forecast_accuracy', 'org', '2026-06').inputs).toEqual({ commitForecast: 5000, wonRevenue: 4000 });
  });

  it('forecast_accuracy is null without a commit forecast or without won revenue', () => {
    expect(p.value('forecast_accuracy', 'rep:r2', '2026-06')).toBeNull();
    expect(p.value('forecast_accuracy', 'org', '2026-Q2')).toBeNull(); // the forecast was for the month
    expect(p.value('forecast_accuracy', 'rep:r3', '2026-06')).toBeNull(); // nothing won
  });
});
