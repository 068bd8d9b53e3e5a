import type { CheckpointStore } from '../checkpoint.port';

/** The behaviour every CheckpointStore adapter must show. */
export const describeCheckpointContract = (name: string, open: () => Promise<{ checkpoints: CheckpointStore; dispose?: () => Promise<void> }>) => {
  describe(`CheckpointStore contract: ${name}`, () => {
    it('starts at 0 and remembers the last saved position per name', async () => {
      const fixture = await open();
      const { checkpoints } = fixture;
      const name = `relay-${Math.random()}`;
      expect(await checkpoints.load(name)).toBe(0);
      await checkpoints.save(name, 17);
      await checkpoints.save(name, 42);
      await checkpoints.save(`${name}-other`, 5);
      expect(await checkpoints.load(name)).toBe(42);
      expect(await checkpoints.load(`${name}-other`)).toBe(5);
      await fixture.dispose?.();
    });
  });
};
