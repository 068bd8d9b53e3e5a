import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteEventStore } from '@quotient/infra-sqlite';
import { metricCatalogue, metricFolds, type MetricsConfig } from '@quotient/metrics';
import { type CoreQuery, type HistorySource, inProcessAsOf } from '@quotient/projection';
import { httpLogReader } from './http-log-reader';

/**
 * A log an `asOf` replay reads, described so that another thread can open it: a command service's
 * SQLite store (embedded), or its audit endpoint (`GET /events`, when the projection does not
 * share the services' stores).
 */
export type HistorySourceSpec = { readonly name: string; readonly sqlitePath: string } | { readonly name: string; readonly url: string };

export interface AsOfWorkerData {
  readonly sources: readonly HistorySourceSpec[];
  readonly config: MetricsConfig;
  readonly maxEvents: number;
}

export type AsOfRequest = { readonly id: number; readonly instant: string; readonly query: CoreQuery };
export type AsOfReply = { readonly id: number; readonly result?: unknown; readonly error?: string };

/** Opens the logs a spec names, in this thread (read only as history: never followed). */
export const openHistorySources = (specs: readonly HistorySourceSpec[]): { sources: HistorySource[]; close(): Promise<void> } => {
  const closers: Array<() => Promise<void>> = [];
  const sources = specs.map((spec): HistorySource => {
    if ('url' in spec) return { name: spec.name, readAll: httpLogReader(spec.url).readAll };
    const store = openSqliteEventStore(spec.sqlitePath);
    closers.push(() => store.close());
    return { name: spec.name, readAll: (fromPosition, limit, recordedUpTo) => store.readAll({ fromPosition, limit, recordedUpTo }) };
  });
  return { sources, close: async () => void (await Promise.all(closers.map((close) => close()))) };
};

/** Started as an `asOf` thread (see AsOfThread): answers each request as the projection service's own replays would. */
const serve = ({ sources: specs, config, maxEvents }: AsOfWorkerData): void => {
  const { sources } = openHistorySources(specs);
  const asOf = inProcessAsOf({ sources: () => sources, catalogue: metricCatalogue, folds: metricFolds, config, maxEvents });
  const port = parentPort!;
  port.on('message', ({ id, instant, query }: AsOfRequest) => {
    asOf.query(instant, query).then(
      (result) => port.postMessage({ id, result } satisfies AsOfReply),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies AsOfReply),
    );
  });
};

const data = workerData as { asOfWorker?: AsOfWorkerData } | null;
if (parentPort && data?.asOfWorker) serve(data.asOfWorker);
