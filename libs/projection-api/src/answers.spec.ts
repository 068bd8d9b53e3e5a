import { ServiceUnavailableException } from '@nestjs/common';
import { toProblem } from '@quotient/http';
import type { CoreQuery } from '@quotient/projection';
import { answer } from './answers';

const query: CoreQuery = { kind: 'teams', period: '2026-Q2' };

describe('answering a query live or as known at an instant', () => {
  it('answers a failed asOf replay with 503 and its reason', async () => {
    const projection = { query: async (_q: CoreQuery, asOf?: string) => (asOf ? Promise.reject(new Error('GET http://deals/events answered 502')) : []) } as never;
    const failing = answer(projection, query, '2026-05-01T00:00:00Z');
    await expect(failing).rejects.toBeInstanceOf(ServiceUnavailableException);
    const problem = toProblem(await failing.catch((error: unknown) => error));
    expect(problem).toMatchObject({ status: 503, detail: 'the asOf replay failed: GET http://deals/events answered 502' });
    expect(await answer(projection, query)).toEqual([]);
  });

  it('leaves a live query failure as it is', async () => {
    const error = new Error('boom');
    const projection = { query: async () => Promise.reject(error) } as never;
    await expect(answer(projection, query)).rejects.toBe(error);
  });
});
