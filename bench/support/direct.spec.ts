import { createCommandHandler } from '@quotient/eventsourcing';
import { SqliteEventStore } from '@quotient/infra-sqlite';
import { DatabaseSync } from 'node:sqlite';
import { SERVICES, type Service } from '../../apps/demo/src/action';
import { generateHistory } from '../../apps/demo/src/history';
import { commandOf, repSnapshotFrom } from './commands';

/**
 * The generated history obeys every domain rule: replayed action by action through the deciders
 * and the one command handler (the path the benchmarks write millions of events by), nothing is
 * refused and every action records exactly one event.
 */
describe('a generated history, replayed through the deciders', () => {
  const actions = generateHistory({ seed: 11, scale: 0.4, days: 400, now: '2026-05-20T09:30:00Z' });

  it('is accepted action by action, each recording one event', async () => {
    const stores = Object.fromEntries(SERVICES.map((s) => [s, new SqliteEventStore(new DatabaseSync(':memory:'))])) as Record<Service, SqliteEventStore>;
    const handlers = new Map<unknown, ReturnType<typeof createCommandHandler>>();
    const refused: string[] = [];
    const silent: string[] = [];
    for (const action of actions) {
      const needsRep = action.aggregate === 'program' && action.kind !== 'create';
      try {
        const rep = needsRep ? await repSnapshotFrom((s) => stores.training.readStream(s), String(action.body.repId)) : undefined;
        const { decider, streamId, command } = commandOf(action, rep);
        if (!handlers.has(decider)) handlers.set(decider, createCommandHandler(stores[action.service], decider));
        const result = await handlers.get(decider)!(streamId, command);
        if (result.appended !== 1) silent.push(`${action.aggregate}.${action.kind} ${action.id} appended ${result.appended}`);
      } catch (error) {
        refused.push(`${action.aggregate}.${action.kind} ${action.id} at ${action.occurredAt}: ${(error as Error).message}`);
      }
    }
    expect(refused.slice(0, 5)).toEqual([]);
    expect(silent.slice(0, 5)).toEqual([]);
    const stored = await Promise.all(SERVICES.map((s) => stores[s].lastPosition()));
    expect(stored.reduce((a, b) => a + b, 0)).toBe(actions.length);
  }, 120_000);
});
