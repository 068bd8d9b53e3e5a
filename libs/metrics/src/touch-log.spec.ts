import { TouchLog } from './touch-log';

describe('touch log', () => {
  it('remembers the last event that touched a period and scope, and the period\'s last as a fallback', () => {
    const log = new TouchLog();
    const [e0, e1, e2] = [{ id: 'e0' }, { id: 'e1' }, { id: 'e2' }];
    log.sum('2026-03', 'rep:a', e0);
    log.sum('2026-03', 'rep:a', e1);
    log.sum('2026-03', 'rep:a', null); // a change without a known cause keeps the last known
    log.sum('2026-03', 'rep:b', e2);
    const { touched } = log.take('2026-03-31T00:00:00.000Z');
    expect([...(touched.get('2026-03') ?? [])]).toEqual(['rep:a', 'rep:b']);
    expect(log.causeOf('2026-03', 'rep:a')).toBe(e1);
    expect(log.causeOf('2026-03', 'rep:b')).toBe(e2);
    // Not touched itself: the last cause of any scope in the period.
    expect(log.causeOf('2026-03', 'rep:c')).toBe(e2);
    expect(log.causeOf('2026-04', 'rep:c')).toBeNull();
  });

  it('gives a quarter and a year the cause of the month touched last; the next take starts afresh', () => {
    const log = new TouchLog();
    const [jan, feb] = [{ id: 'jan' }, { id: 'feb' }];
    log.sum('2026-01', 'org', jan);
    log.sum('2026-02', 'org', feb);
    log.take('2026-02-28T00:00:00.000Z');
    expect(log.causeOf('2026-01', 'org')).toBe(jan);
    expect(log.causeOf('2026-Q1', 'org')).toBe(feb);
    expect(log.causeOf('2026', 'org')).toBe(feb);
    log.take('2026-02-28T00:00:00.000Z');
    expect(log.causeOf('2026-Q1', 'org')).toBeNull();
  });
});
