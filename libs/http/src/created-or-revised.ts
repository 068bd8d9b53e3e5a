import type { FastifyReply } from 'fastify';
import type { HandleResult } from '@quotient/eventsourcing';

/**
 * For streams keyed by a natural key (targets, budgets, forecasts, market sizes): 201 when this
 * request created the stream, 200 when it revised it; the id under its own name and the revision.
 */
export const createdOrRevised = (reply: FastifyReply, idName: string, id: string, result: Pick<HandleResult, 'revision' | 'appended'>) => {
  const created = result.appended > 0 && result.revision + 1 === result.appended;
  void reply.status(created ? 201 : 200);
  return { [idName]: id, revision: result.revision };
};
