import { quarterBefore, quarterOf } from './calendar';

describe('demo calendar', () => {
  it('names the quarter of an instant and the quarter before one, across a year', () => {
    expect(quarterOf(Date.parse('2026-11-29T10:00:00Z'))).toBe('2026-Q4');
    expect(quarterBefore('2026-Q4')).toBe('2026-Q3');
    expect(quarterBefore('2026-Q1')).toBe('2025-Q4');
  });
});
