import fc from 'fast-check';
import { dayNumber, daysBetween } from './periods';

describe('day numbers', () => {
  it('differ by exactly the days between two days', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, (a, b) => expect(dayNumber(b) - dayNumber(a)).toBe(daysBetween(a, b))));
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});
