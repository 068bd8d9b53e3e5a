import type { Command, Decider, DomainEvent, StoredDomainEvent } from '@quotient/kernel';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given / When / Then for deciders:
 *   given(dealOpened()).when(winDeal()).then([dealWon()])
 *   given(dealOpened(), dealLost()).when(winDeal()).thenThrows(DealAlreadyClosed)
 */
export const deciderSpec = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>) => {
  const fold = (history: readonly E[]) =>
    history.reduce(
      (state, event, revision) =>
        decider.evolve(state, { ...event, occurredAt: (event as { occurredAt?: string }).occurredAt ?? '2026-01-01T00:00:00.000Z', revision } as StoredDomainEvent<E>),
      decider.initialState(),
    );
  return (...history: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, fold(history));
      return {
        then: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenNothing: () => expect(run()).toEqual([]),
        thenThrows: (errorClass: ErrorClass, code?: string) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          if (code) expect((thrown as { code?: string }).code).toBe(code);
        },
      };
    },
    state: () => fold(history),
  });
};

/** Metadata for a command in a test: business time defaults to the wall time. */
export const testMetadata = (occurredAt = '2026-03-01T09:00:00.000Z', now = occurredAt) => ({
  tenantId: 'default',
  actor: 'tester',
  correlationId: 'corr-1',
  occurredAt,
  now,
});
