import { convert, containing, kindOf, shift, trendOf } from './periods';

describe('dashboard periods', () => {
  it('steps months, quarters and years across year ends', () => {
    expect(shift('2026-01', -1)).toBe('2025-12');
    expect(shift('2026-Q4', 1)).toBe('2027-Q1');
    expect(shift('2026', -2)).toBe('2024');
    expect(kindOf('2026-Q2')).toBe('quarter');
  });

  it('converts between scales, staying inside the period (now if it is in it, else its end)', () => {
    const now = new Date('2026-11-28T10:00:00Z');
    expect(containing(now, 'quarter')).toBe('2026-Q4');
    expect(convert('2026-Q4', 'month', now)).toBe('2026-11');
    expect(convert('2026-Q2', 'month', now)).toBe('2026-06');
    expect(convert('2026-03', 'year', now)).toBe('2026');
  });

  it('shows a trend of 12 months, 6 quarters or 4 years ending with the chosen period', () => {
    expect(trendOf('2026-Q1')).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(trendOf('2026-03')).toHaveLength(12);
    expect(trendOf('2026')).toEqual(['2023', '2024', '2025', '2026']);
  });
});
