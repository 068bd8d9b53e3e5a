import { ServiceUnavailableException } from '@nestjs/common';
import type { CoreQuery, CoreQueryResult, ProjectionService } from '@quotient/projection';

/**
 * A query answered from the live projection, or as known at `asOf`. A replay that fails — a
 * service's log unreachable (Kafka mode reads them over HTTP), the asOf thread gone — answers 503
 * with the reason: the request may be repeated, and the live values are not affected.
 */
export const answer = async <Q extends CoreQuery>(projection: Pick<ProjectionService, 'query'>, query: Q, asOf?: string): Promise<CoreQueryResult<Q>> => {
  if (asOf === undefined) return projection.query(query);
  try {
    return await projection.query(query, asOf);
  } catch (error) {
    throw new ServiceUnavailableException(`the asOf replay failed: ${error instanceof Error ? error.message : String(error)}`);
  }
};
