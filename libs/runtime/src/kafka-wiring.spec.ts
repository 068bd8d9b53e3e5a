import { openDatabase, SqliteCheckpointStore } from '@quotient/infra-sqlite';
import { adoptLegacyOutboxPosition } from './kafka-wiring';

describe('the Kafka outbox position across an upgrade', () => {
  const checkpoints = () => new SqliteCheckpointStore(openDatabase(':memory:'));

  it('adopts the serving version’s old per-version position once, so its history is not published again', async () => {
    const store = checkpoints();
    await store.save('kafka-metric-changes@v1', 120);
    await store.save('kafka-metric-changes@v2', 4_567);
    expect(await adoptLegacyOutboxPosition(store, 2)).toBe(4_567);
    expect(await store.load('kafka-metric-changes')).toBe(4_567);
    // From then on the shared position rules, whatever an old name says.
    await store.save('kafka-metric-changes', 5_000);
    expect(await adoptLegacyOutboxPosition(store, 1)).toBe(5_000);
    expect(await store.load('kafka-metric-changes')).toBe(5_000);
  });

  it('starts from the beginning on a new deployment', async () => {
    const store = checkpoints();
    expect(await adoptLegacyOutboxPosition(store, 1)).toBe(0);
    expect(await store.load('kafka-metric-changes')).toBe(0);
  });
});
