import { EventLog, project } from '../areas/test-support';
import { pipelineByStage } from './pipeline.view';
import { teamRosters } from './roster.view';

describe('read views for the dashboard', () => {
  // Given, in Q2 2026: r1 (t1) and r2 (t1 → t2 on 15 May); r3 hired in t2 in July.
  const log = new EventLog()
    .hire('2026-03-01', 'r1', 't1')
    .hire('2026-03-01', 'r2', 't1')
    .transfer('2026-05-15', 'r2', 't2')
    .hire('2026-07-01', 'r3', 't2')
    .openDeal('2026-04-01', 'd1', { amount: 1000, expectedCloseDate: '2026-06-30' })
    .openDeal('2026-04-01', 'd2', { amount: 2000, stage: 'proposal', expectedCloseDate: '2026-06-30' })
    .openDeal('2026-04-01', 'd3', { amount: 3000, stage: 'qualification', expectedCloseDate: '2026-06-30' })
    .openDeal('2026-04-01', 'd4', { amount: 4000, ownerRepId: 'r2', teamId: 't2', expectedCloseDate: '2026-06-30' })
    .openDeal('2026-04-01', 'd5', { amount: 5000, expectedCloseDate: '2026-09-30' })
    .changeStage('2026-04-10', 'd1', 'negotiation', 0.6)
    .win('2026-04-20', 'd2')
    .lose('2026-04-21', 'd3');
  const { state } = project(log.facts);

  it('pipelineByStage: open deals by stage and close date, lost by the stage they were lost at, won', () => {
    const q2 = pipelineByStage(state, 'org', '2026-Q2');
    const byStage = Object.fromEntries(q2.stages.map((s) => [s.stage, s]));
    expect(byStage.negotiation.open).toEqual({ deals: 1, amount: 1000 }); // explicit probability, stage kept
    expect(byStage.prospecting.open).toEqual({ deals: 1, amount: 4000 }); // d5 closes in Q3
    expect(byStage.qualification.lost).toEqual({ deals: 1, amount: 3000 });
    expect(q2.won).toEqual({ deals: 1, amount: 2000 });
    expect(pipelineByStage(state, 'team:t2', '2026-Q2').stages[0].open).toEqual({ deals: 1, amount: 4000 });
    expect(pipelineByStage(state, 'rep:r1', '2026-Q3').stages[0].open).toEqual({ deals: 1, amount: 5000 });
    expect(pipelineByStage(state, 'segment:smb', '2026-04').won.deals).toBe(1);
  });

  it('teamRosters: every rep whose team stint overlaps the period, and deal owners', () => {
    expect(teamRosters(state, '2026-Q2')).toEqual([
      { team: 'team:t1', reps: ['rep:r1', 'rep:r2'] },
      { team: 'team:t2', reps: ['rep:r2'] },
    ]);
    expect(teamRosters(state, '2026-Q3')).toEqual([
      { team: 'team:t1', reps: ['rep:r1'] },
      { team: 'team:t2', reps: ['rep:r2', 'rep:r3'] },
    ]);
  });
});
