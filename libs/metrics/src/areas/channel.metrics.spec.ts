import { EventLog, project } from './test-support';

describe('channel metrics', () => {
  const p = project(
    new EventLog()
      .openDeal('2026-07-01', 'd1', { amount: 3000, channel: 'direct', expectedCloseDate: '2026-07-30' })
      .openDeal('2026-07-01', 'd2', { amount: 1000, channel: 'partner', expectedCloseDate: '2026-07-30' })
      .openDeal('2026-07-01', 'd3', { amount: 1000, channel: 'online', expectedCloseDate: '2026-07-30' })
      .openDeal('2026-07-01', 'd4', { amount: 9000, channel: 'partner', expectedCloseDate: '2026-07-30' })
      .win('2026-07-10', 'd1')
      .win('2026-07-11', 'd2')
      .win('2026-07-12', 'd3')
      .lose('2026-07-13', 'd4')
      .activity('2026-08-15', 'd4').facts,
  );

  it('channel_revenue: won revenue per channel', () => {
    expect(p.value('channel_revenue', 'channel:direct', '2026-07')).toBe(3000);
    expect(p.value('channel_revenue', 'channel:partner', '2026-Q3')).toBe(1000); // the lost deal does not count
    expect(p.value('channel_revenue', 'channel:direct', '2026-08')).toBe(0);
    expect(p.value('channel_revenue', 'org', '2026-07')).toBeNull(); // channel scopes only
  });

  it('channel_share: channel won revenue ÷ all won revenue', () => {
    expect(p.value('channel_share', 'channel:direct', '2026-07')).toBe(0.6); // 3000 / 5000
    expect(p.value('channel_share', 'channel:partner', '2026-07')).toBe(0.2); // 1000 / 5000
    expect(p.value('channel_share', 'channel:direct', '2026-08')).toBeNull(); // nothing won
  });
});
