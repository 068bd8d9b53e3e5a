import { EventLog, project } from './test-support';

describe('satisfaction metrics', () => {
  // Given: c1 belongs to r1/t1/smb/north, c2 to r2/t2/ent/south.
  const log = new EventLog()
    .register('2026-01-01', 'c1')
    .register('2026-01-01', 'c2', { ownerRepId: 'r2', teamId: 't2', segment: 'ent', region: 'south' })
    .survey('2026-01-05', 'c1', 'csat', 5)
    .survey('2026-01-06', 'c1', 'csat', 4)
    .survey('2026-01-07', 'c1', 'csat', 2)
    .survey('2026-01-08', 'c2', 'csat', 3)
    .survey('2026-01-05', 'c1', 'nps', 10)
    .survey('2026-01-06', 'c1', 'nps', 9)
    .survey('2026-01-07', 'c1', 'nps', 7)
    .survey('2026-01-08', 'c1', 'nps', 3)
    .survey('2026-01-09', 'c2', 'nps', 0)
    .openComplaint('2026-01-10T08:00:00Z', 'c1', 'k1')
    .resolveComplaint('2026-01-11T20:00:00Z', 'c1', 'k1')
    .openComplaint('2026-01-20T00:00:00Z', 'c1', 'k2', 'medium')
    .openComplaint('2026-01-25T00:00:00Z', 'c1', 'k3', 'high')
    .openComplaint('2026-01-26T00:00:00Z', 'c2', 'k4')
    .resolveComplaint('2026-02-01T00:00:00Z', 'c1', 'k2')
    .survey('2026-02-03', 'c2', 'csat', 5);
  const p = project(log.facts);

  describe('csat', () => {
    it('is the share of csat surveys scoring 4 or 5', () => {
      expect(p.value('csat', 'org', '2026-01')).toBe(0.5); // (5, 4) of (5, 4, 2, 3)
      expect(p.value('csat', 'team:t1', '2026-01')).toBe(0.666667); // 2 / 3
      expect(p.value('csat', 'rep:r2', '2026-01')).toBe(0); // 0 / 1
      expect(p.value('csat', 'segment:ent', '2026-01')).toBe(0);
      expect(p.value('csat', 'region:north', '2026-01')).toBe(0.666667);
      expect(p.value('csat', 'org', '2026-Q1')).toBe(0.6); // 3 / 5
      expect(p.result('csat', 'org', '2026-01').inputs).toEqual({ satisfied: 2, surveys: 4 });
    });

    it('is null without csat surveys', () => {
      expect(p.value('csat', 'team:t1', '2026-02')).toBeNull();
      expect(p.value('csat', 'org', '2026-03')).toBeNull();
    });
  });

  describe('nps', () => {
    it('is % promoters (9–10) minus % detractors (0–6)', () => {
      expect(p.value('nps', 'org', '2026-01')).toBe(0); // (2 − 2) / 5 × 100
      expect(p.value('nps', 'team:t1', '2026-01')).toBe(25); // (2 − 1) / 4 × 100
      expect(p.value('nps', 'segment:ent', '2026-01')).toBe(-100); // (0 − 1) / 1 × 100
      expect(p.value('nps', 'rep:r1', '2026-01')).toBe(25);
      expect(p.value('nps', 'region:south', '2026-01')).toBe(-100);
    });

    it('is null without nps surveys', () => {
      expect(p.value('nps', 'org', '2026-02')).toBeNull();
    });
  });

  describe('complaint_resolution_hours', () => {
    it('averages opened→resolved hours of complaints resolved in the period', () => {
      expect(p.value('complaint_resolution_hours', 'org', '2026-01')).toBe(36); // k1: 10 Jan 08:00 → 11 Jan 20:00
      expect(p.value('complaint_resolution_hours', 'org', '2026-02')).toBe(288); // k2: 20 Jan → 1 Feb = 12 days
      expect(p.value('complaint_resolution_hours', 'team:t1', '2026-Q1')).toBe(162); // (36 + 288) / 2
    });

    it('is null when nothing was resolved', () => {
      expect(p.value('complaint_resolution_hours', 'team:t2', '2026-01')).toBeNull();
    });
  });

  describe('open_complaints', () => {
    it('counts complaints open at the end of the period, or now', () => {
      expect(p.value('open_complaints', 'org', '2026-01')).toBe(3); // k2, k3, k4 (k1 resolved)
      expect(p.value('open_complaints', 'team:t1', '2026-01')).toBe(2); // k2, k3
      expect(p.value('open_complaints', 'org', '2026-02')).toBe(2); // now = 3 Feb: k3, k4
      expect(p.value('open_complaints', 'team:t2', '2026-02')).toBe(1);
    });

    it('is zero, not null, with no complaints', () => {
      expect(p.value('open_complaints', 'team:t9', '2026-01')).toBe(0);
    });
  });
});
