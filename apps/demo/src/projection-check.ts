import type { CatalogueEntry, MetricView } from '@quotient/contracts';
import type { BaseUrls } from './routes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}:\n${text}`);
  return JSON.parse(text) as T;
};

/** Waits until every service answers /health, so a demo started right after `npm start` just waits. */
export const waitForServices = async (urls: BaseUrls, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (const [name, url] of Object.entries(urls)) {
    for (;;) {
      try {
        const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the ${name} service does not answer at ${url}/health — is \`npm start\` running?`);
      await sleep(500);
    }
  }
};

interface ProjectionStatus {
  readonly lag: number;
  readonly waitingOnGaps: number;
  readonly eventsApplied: number;
  readonly deadLettered: number;
  readonly lastError: string | null;
}

/** Polls the projection until every source is read to its end; reports progress as it goes. */
export const waitForProjection = async (projectionUrl: string, report: (status: ProjectionStatus) => void, timeoutMs = 30 * 60_000): Promise<ProjectionStatus> => {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const status = await getJson<ProjectionStatus>(`${projectionUrl}/projection/status`);
    if (status.lag === 0 && status.waitingOnGaps === 0) return status;
    if (Date.now() > deadline) throw new Error(`the projection has not caught up after ${timeoutMs / 1000} s: ${JSON.stringify(status)}`);
    if (Date.now() - lastReport > 2000) {
      report(status);
      lastReport = Date.now();
    }
    await sleep(250);
  }
};


export interface MetricCoverage {
  readonly period: string;
  readonly withValue: MetricView[];
  readonly withoutValue: MetricView[];
  /** Metrics of the catalogue that are not defined at org scope (composite scores, channel shares). */
  readonly notAtOrg: string[];
}

export const orgMetrics = async (projectionUrl: string, period: string): Promise<MetricCoverage> => {
  const catalogue = await getJson<CatalogueEntry[]>(`${projectionUrl}/catalogue`);
  const views = await getJson<MetricView[]>(`${projectionUrl}/metrics?period=${encodeURIComponent(period)}&scope=org`);
  return {
    period,
    withValue: views.filter((v) => v.value !== null),
    withoutValue: views.filter((v) => v.value === null),
    notAtOrg: catalogue.filter((m) => !m.scopes.includes('org')).map((m) => m.id),
  };
};
