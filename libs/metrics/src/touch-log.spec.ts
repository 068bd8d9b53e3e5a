import { MAX_CAUSES, TouchLog } from './touch-log';

describe('touch log causes', () => {
  it('keeps every event that touched a period and scope, in order, each once, the latest MAX_CAUSES of them', () => {
    const log = new TouchLog();
    const events = Array.from({ length: MAX_CAUSES + 3 }, (_, i) => ({ id: `e${i}` }));
    for (const event of events) {
      log.sum('2026-03', 'rep:a', event);
      log.sum('2026-03', 'rep:a', event); // an event touching several counters of the scope
    }
    log.sum('2026-03', 'rep:b', events[0]);
    log.take('2026-03-31T00:00:00.000Z');
    expect(log.causesOf('2026-03', 'rep:a')).toEqual(events.slice(-MAX_CAUSES));
    expect(log.causeOf('2026-03', 'rep:a')).toBe(events[events.length - 1]);
    expect(log.causesOf('2026-03', 'rep:b')).toEqual([events[0]]);
    // Nothing touched it: no causes of its own (causeOf falls back to the period's last).
    expect(log.causesOf('2026-03', 'rep:c')).toEqual([]);
    // A catch-up remembers only the last one.
    log.causeLimit = 1;
    for (const event of events) log.sum('2026-03', 'rep:a', event);
    log.take('2026-03-31T00:00:00.000Z');
    expect(log.causesOf('2026-03', 'rep:a')).toEqual([events[events.length - 1]]);
  });

  it('gathers the causes of a quarter and a year from their months', () => {
    const log = new TouchLog();
    const [jan, feb, feb2] = [{ id: 'jan' }, { id: 'feb' }, { id: 'feb2' }];
    log.sum('2026-01', 'org', jan);
    log.sum('2026-02', 'org', feb);
    log.sum('2026-02', 'org', feb2);
    log.sum('2026-02', 'team:x', jan);
    log.take('2026-02-28T00:00:00.000Z');
    expect(log.causesOf('2026-Q1', 'org')).toEqual([jan, feb, feb2]);
    expect(log.causesOf('2026', 'org')).toEqual([jan, feb, feb2]);
    expect(log.causesOf('2026-02', 'org')).toEqual([feb, feb2]);
    expect(log.causesOf('2026-01', 'org')).toEqual([jan]);
    // The next take starts afresh.
    log.take('2026-02-28T00:00:00.000Z');
    expect(log.causesOf('2026-Q1', 'org')).toEqual([]);
  });
});
