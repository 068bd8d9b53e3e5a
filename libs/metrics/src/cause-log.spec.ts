import { CauseLog, MAX_CAUSES } from './cause-log';

describe('cause log', () => {
  const events = Array.from({ length: MAX_CAUSES + 3 }, (_, i) => ({ id: `e${i}` }));
  const reads = (log: CauseLog, key: object | string, upToDay?: string) => {
    const into = new Set<number>();
    log.read(key, into, upToDay);
    return log.inOrder(into);
  };

  it('keeps per input the events that changed it, the latest MAX_CAUSES, read each once in the order they were applied', () => {
    const log = new CauseLog();
    log.on = true;
    const cell = { value: 0 };
    const other = { value: 0 };
    for (const event of events) {
      log.event(event);
      log.add(cell, event);
      log.add(cell, event); // one event changing the cell through several entries
    }
    log.add(other, events[1]);
    // Nothing is readable before the batch is taken.
    expect(log.anyTaken).toBe(false);
    log.take();
    expect(log.anyTaken).toBe(true);
    expect(reads(log, cell)).toEqual(events.slice(-MAX_CAUSES));
    // Several inputs together: in the order the events were applied, not the order read.
    const both = new Set<number>();
    log.read(cell, both);
    log.read(other, both);
    expect(log.inOrder(both)[0]).toBe(events[1]);
    expect(reads(log, { value: 0 })).toEqual([]);
    // The next batch starts afresh.
    log.take();
    expect(log.anyTaken).toBe(false);
    expect(reads(log, cell)).toEqual([]);
  });

  it('sees a level change from its day on, an event changing several days from the earliest', () => {
    const log = new CauseLog();
    log.on = true;
    const [opened, touched] = [{ id: 'opened' }, { id: 'touched' }];
    log.event(opened);
    log.add('openDeals|rep:a', opened, '2026-03-10');
    log.add('openDeals|rep:a', opened, '2026-03-02');
    log.event(touched);
    log.add('openDeals|rep:a', touched, '2026-04-01');
    log.take();
    expect(reads(log, 'openDeals|rep:a', '2026-03-01')).toEqual([]);
    expect(reads(log, 'openDeals|rep:a', '2026-03-02')).toEqual([opened]);
    expect(reads(log, 'openDeals|rep:a', '2026-04-30')).toEqual([opened, touched]);
  });

  it('places an event by when it was applied, or else by its first change', () => {
    const log = new CauseLog();
    log.event(events[0]); // off (a catch-up): not placed
    log.on = true;
    log.event(events[1]);
    log.add('x', events[0]);
    log.add('x', events[1]);
    log.take();
    // events[1] was applied first (placed by event()); events[0] took its place at its change.
    expect(reads(log, 'x')).toEqual([events[1], events[0]]);
  });
});
