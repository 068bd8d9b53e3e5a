import { sleep } from './report';

interface EventRef {
  readonly streamId: string;
  readonly revision: number;
}

/** Waits until a service answers /health (60 s at most). */
export const waitForHealth = async (url: string): Promise<void> => {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
  }
  throw new Error(`${url} did not become healthy`);
};

/** A win sent: when, when it was answered, and `deals.deal-<id>#<revision>` of its event. */
export interface SentWin {
  key: string;
  readonly at: number;
  answeredAt: number;
}

type OpenDealRef = { readonly dealId: string; readonly amount: number };

/**
 * Wins deals over HTTP at a steady `rate` per second, the next from `next`, until `done` (asked
 * before each win with the number sent so far); resolves once every win is answered, with the
 * wins in sending order and how long the sending took.
 */
export const sendWinsWhile = async (dealsUrl: string, next: () => OpenDealRef, rate: number, done: (sent: number) => boolean): Promise<{ sent: SentWin[]; seconds: number }> => {
  const sent: SentWin[] = [];
  const answers: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; !done(i); i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const { dealId, amount } = next();
    const command: SentWin = { key: '', at: performance.now(), answeredAt: 0 };
    sent.push(command);
    const request = fetch(`${dealsUrl}/deals/${dealId}/win`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount }) });
    answers.push(
      request.then(async (response) => {
        const body = (await response.json()) as { revision?: number };
        if (!response.ok) throw new Error(`win answered ${response.status}: ${JSON.stringify(body)}`);
        command.answeredAt = performance.now();
        command.key = `deals.deal-${dealId}#${body.revision}`;
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(answers);
  return { sent, seconds };
};

/** Wins each of the deals, in order, at a steady `rate` per second (see sendWinsWhile). */
export const sendWinsAtRate = (dealsUrl: string, deals: readonly OpenDealRef[], rate: number): Promise<{ sent: SentWin[]; seconds: number }> => {
  let i = 0;
  return sendWinsWhile(dealsUrl, () => deals[i++], rate, (count) => count >= deals.length);
};

/** Waits until the projection has applied everything its sources hold (lag 0), `timeoutMs` at most. */
export const waitForCatchUp = async (projectionUrl: string, timeoutMs: number): Promise<void> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    const status = (await (await fetch(`${projectionUrl}/projection/status`)).json()) as { lag: number };
    if (status.lag === 0) return;
  }
  throw new Error('the projection did not catch up');
};

/** Records when each event a change names (causedBy and alsoCausedBy) was first seen. */
export const noteCauses = (firstSeen: Map<string, number>, change: { readonly causedBy: EventRef; readonly alsoCausedBy?: readonly EventRef[] }, seenAt = performance.now()): void => {
  for (const cause of [change.causedBy, ...(change.alsoCausedBy ?? [])]) {
    const key = `${cause.streamId}#${cause.revision}`;
    if (!firstSeen.has(key)) firstSeen.set(key, seenAt);
  }
};
