import { createCommandHandler, type CommandHandler } from '@quotient/eventsourcing';
import { openDatabase, SqliteEventStore } from '@quotient/infra-sqlite';
import type { Clock, Command } from '@quotient/kernel';
import { storePathOf } from '@quotient/runtime';
import { type Action, lanesOf, SERVICES, type Service } from '../../apps/demo/src/action';
import { runInLanes } from '../../apps/demo/src/lanes';
import { commandOf, repSnapshotFrom } from './commands';

export interface DirectWriteResult {
  readonly actions: number;
  readonly events: Readonly<Record<Service, number>>;
  readonly seconds: number;
}

/**
 * Writes a history straight into the four services' event stores under `dataDir`, through the
 * same deciders and command handler the services use, without HTTP. Thousands of commands are in
 * flight at once so the stores' group commit packs them into few transactions; actions on one
 * aggregate (and enrolments after their rep) still run in order. Events are recorded at business
 * time, as if the history had been captured live, so `asOf` queries over it are meaningful.
 */
export const writeHistoryDirect = async (actions: Iterable<Action>, dataDir: string, onProgress?: (actions: number) => void): Promise<DirectWriteResult> => {
  const started = performance.now();
  let businessNow = 0;
  const clock: Clock = { now: () => new Date(businessNow) };
  // A benchmark fixture, not data to keep: no fsync per group commit (the services use FULL).
  const open = (service: Service) => new SqliteEventStore(openDatabase(storePathOf(dataDir, service), { synchronous: 'OFF' }), clock);
  const stores = Object.fromEntries(SERVICES.map((s) => [s, open(s)])) as Record<Service, SqliteEventStore>;
  const handlers = new Map<unknown, CommandHandler<Command>>();
  const handlerFor = (service: Service, decider: Parameters<typeof createCommandHandler>[1]) => {
    let handler = handlers.get(decider);
    if (!handler) handlers.set(decider, (handler = createCommandHandler(stores[service], decider) as CommandHandler<Command>));
    return handler;
  };
  const events = { deals: 0, customers: 0, costs: 0, training: 0 };
  let taken = 0;
  const inBusinessTime = function* () {
    for (const action of actions) {
      businessNow = Math.max(businessNow, Date.parse(action.occurredAt));
      if (++taken % 50_000 === 0) onProgress?.(taken);
      yield action;
    }
  };
  const run = async (action: Action): Promise<void> => {
    const needsRep = action.aggregate === 'program' && action.kind !== 'create';
    const rep = needsRep ? await repSnapshotFrom((s) => stores.training.readStream(s), String(action.body.repId)) : undefined;
    const { decider, streamId, command } = commandOf(action, rep);
    const result = await handlerFor(action.service, decider)(streamId, command);
    events[action.service] += result.appended;
  };
  try {
    await runInLanes(inBusinessTime(), lanesOf, run, { concurrency: 4096, lookahead: 8192 });
  } finally {
    await Promise.all(SERVICES.map((s) => stores[s].close()));
  }
  return { actions: taken, events, seconds: (performance.now() - started) / 1000 };
};
