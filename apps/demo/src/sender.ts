import { createHash } from 'node:crypto';
import { type Action, lanesOf } from './action';
import { runInLanes } from './lanes';
import { type BaseUrls, httpRequestOf } from './routes';

export interface SendOptions {
  readonly urls: BaseUrls;
  /** Requests in flight at once; actions on one aggregate still go one after another. */
  readonly concurrency?: number;
  /** Attempts per request when the connection fails (refused, reset, timed out). */
  readonly attempts?: number;
  /** Sent as X-Actor: who recorded the history. */
  readonly actor?: string;
  readonly onSent?: (sent: number) => void;
}

export interface SendSummary {
  readonly requests: number;
  readonly retries: number;
  readonly seconds: number;
}

/** A 4xx or 5xx answer: the demo stops and shows what the service said. */
export class RequestRejected extends Error {
  constructor(
    readonly status: number,
    readonly problem: string,
    readonly request: string,
    readonly action: Action,
  ) {
    super(`${request} answered ${status}:\n${problem}\naction: ${JSON.stringify(action)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a history to the running services over their public HTTP API, in business-time order,
 * with bounded concurrency. Each request carries an Idempotency-Key made from the action and its
 * place in the history, so a retry after a lost connection never records anything twice.
 */
export const sendActions = async (actions: Iterable<Action>, options: SendOptions): Promise<SendSummary> => {
  const attempts = options.attempts ?? 8;
  const started = performance.now();
  let requests = 0;
  let retries = 0;
  let index = 0;

  const post = async ({ action, n }: { action: Action; n: number }): Promise<void> => {
    const request = httpRequestOf(action);
    const url = `${options.urls[request.service]}${request.path}`;
    const body = JSON.stringify(request.body);
    const key = createHash('sha1').update(`${n}|${request.service}|${request.path}|${body}`).digest('hex');
    const headers = { 'content-type': 'application/json', 'idempotency-key': `demo-${key}`, 'x-actor': options.actor ?? 'demo' };
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        if (attempt >= attempts) throw new Error(`${request.method} ${url} failed ${attempts} times; last: ${describe(error)}`);
        retries++;
        await sleep(Math.min(5000, 100 * 2 ** attempt));
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw new RequestRejected(response.status, text, `${request.method} ${url}`, action);
      requests++;
      options.onSent?.(requests);
      return;
    }
  };

  const numbered = function* () {
    for (const action of actions) yield { action, n: index++ };
  };
  await runInLanes(numbered(), ({ action }) => lanesOf(action), post, { concurrency: options.concurrency ?? 16 });
  return { requests, retries, seconds: (performance.now() - started) / 1000 };
};

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
};
