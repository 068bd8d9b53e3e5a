import { EventLog, project } from './test-support';

describe('training metrics', () => {
  // Given, in April (30 days): r1 all month (t1 until the 15th, t2 from the 16th), r2 until the
  // 20th (leaves on the 21st), r3 from the 11th in t2. Headcount days: org 30 + 20 + 20 = 70,
  // t1 15 + 20 = 35, t2 15 + 20 = 35; averages 2.333333, 1.166667, 1.166667.
  const log = new EventLog()
    .hire('2025-12-01', 'r1', 't1')
    .hire('2025-12-01', 'r2', 't1')
    .program('2026-01-01', 'p1', 8)
    .program('2026-01-01', 'p2', 4)
    .enrol('2026-04-02', 'p1', 'r1')
    .enrol('2026-04-03', 'p2', 'r2')
    .certify('2026-04-05', 'r1', 'negotiation')
    .hire('2026-04-11', 'r3', 't2')
    .enrol('2026-04-12', 'p1', 'r3')
    .transfer('2026-04-16', 'r1', 't2')
    .openDeal('2026-04-17', 'd1', { ownerRepId: 'r1', teamId: 't2', amount: 100, expectedCloseDate: '2026-05-01' })
    .win('2026-04-20', 'd1') // r1's first win: 140 days after the hire
    .leave('2026-04-21', 'r2')
    .complete('2026-04-30', 'p1', 'r3')
    .openDeal('2026-04-20', 'd2', { ownerRepId: 'r3', teamId: 't2', amount: 100, expectedCloseDate: '2026-05-01' })
    .win('2026-05-01', 'd2') // r3's first win: 20 days after the hire
    .openDeal('2026-04-20', 'd3', { ownerRepId: 'r3', teamId: 't2', amount: 100, expectedCloseDate: '2026-05-01' })
    .win('2026-05-05', 'd3')
    .complete('2026-05-10', 'p1', 'r1');
  const p = project(log.facts);

  it('training_completion_rate: completions of the enrolments made in the period', () => {
    expect(p.value('training_completion_rate', 'org', '2026-04')).toBe(0.666667); // r1, r3 of r1, r2, r3
    expect(p.value('training_completion_rate', 'team:t1', '2026-04')).toBe(0.5); // r1 of r1, r2 (teams at enrolment)
    expect(p.value('training_completion_rate', 'team:t2', '2026-04')).toBe(1);
    expect(p.value('training_completion_rate', 'org', '2026-05')).toBeNull(); // no enrolment in May
  });

  it('training_hours_per_rep: hours completed in the period ÷ average headcount', () => {
    expect(p.value('training_hours_per_rep', 'org', '2026-04')).toBe(3.428572); // 8 / 2.333333
    expect(p.value('training_hours_per_rep', 'team:t2', '2026-04')).toBe(6.857141); // 8 / 1.166667
    expect(p.value('training_hours_per_rep', 'org', '2026-05')).toBe(4); // now = 10 May: 8 / 2
  });

  it('certified_rep_share: certified active reps ÷ active reps at period end', () => {
    expect(p.value('certified_rep_share', 'org', '2026-04')).toBe(0.5); // r1 of r1, r3
    expect(p.value('certified_rep_share', 'team:t2', '2026-04')).toBe(0.5);
    expect(p.value('certified_rep_share', 'org', '2026-03')).toBe(0); // r1, r2, none certified
    expect(p.value('certified_rep_share', 'team:t1', '2026-04')).toBeNull(); // nobody left in t1
  });

  it('rep_turnover_rate: reps who left ÷ average headcount', () => {
    expect(p.value('rep_turnover_rate', 'org', '2026-04')).toBe(0.428571); // 1 / 2.333333
    expect(p.value('rep_turnover_rate', 'team:t1', '2026-04')).toBe(0.857143); // 1 / 1.166667
    expect(p.value('rep_turnover_rate', 'team:t2', '2026-04')).toBe(0);
    expect(p.value('rep_turnover_rate', 'team:t1', '2026-05')).toBeNull(); // no headcount
  });

  it('ramp_days: mean days hire → first win, for first wins in the period', () => {
    expect(p.value('ramp_days', 'org', '2026-04')).toBe(140); // r1: 1 Dec → 20 Apr
    expect(p.value('ramp_days', 'team:t2', '2026-04')).toBe(140); // r1's team at the win
    expect(p.value('ramp_days', 'org', '2026-05')).toBe(20); // r3: 11 Apr → 1 May (5 May is no first win)
    expect(p.value('ramp_days', 'org', '2026-Q2')).toBe(80); // (140 + 20) / 2
    expect(p.value('ramp_days', 'team:t1', '2026-04')).toBeNull();
  });

  it('ramp_days leaves out a rep whose first win precedes the hire', () => {
    const q = project(
      new EventLog()
        .openDeal('2026-02-01', 'd9', { ownerRepId: 'r4', amount: 100, expectedCloseDate: '2026-03-01' })
        .win('2026-03-01', 'd9')
        .hire('2026-03-10', 'r4').facts,
    );
    expect(q.value('ramp_days', 'org', '2026-Q1')).toBeNull();
  });
});
