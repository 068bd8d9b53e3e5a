/**
 * A turn of the event loop: timers, I/O and other requests run before the caller goes on. Long
 * work in the serving process (a rebuild's catch-up, an `asOf` replay) awaits it between slices.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
