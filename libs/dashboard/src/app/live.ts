import { api, Change, ProjectionStatus } from './api';
import { t } from './i18n';

/**
 * Live updates: MetricChanged over Server-Sent Events (EventSource resumes with Last-Event-ID on
 * its own), and the projection's lag polled from /projection/status for the indicator.
 */
export const connectChanges = (onChange: (change: Change) => void, onState: (open: boolean) => void): (() => void) => {
  const source = new EventSource('metrics/changes');
  source.addEventListener('MetricChanged', (event) => onChange(JSON.parse((event as MessageEvent<string>).data) as Change));
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => onState(source.readyState === EventSource.OPEN));
  return () => source.close();
};

export interface LiveIndicator {
  paused: boolean;
  streamOpen: boolean;
  status: ProjectionStatus | null;
  failed: boolean;
}

export const renderIndicator = (state: LiveIndicator): void => {
  const element = document.getElementById('live');
  if (!element) return;
  const { paused, streamOpen, status, failed } = state;
  const tone = paused ? 'paused' : failed || !streamOpen ? 'down' : status && status.lag > 1000 ? 'behind' : status && status.lag > 0 ? 'catching-up' : 'ok';
  element.className = `live ${tone}`;
  element.dataset.lag = status ? String(status.lag) : '';
  const label = paused ? t('paused') : failed ? t('offline') : t('live');
  const detail = status && !failed ? ` · ${t('lag')} ${status.lag.toLocaleString()} · ${Math.round(status.eventsPerSecond)} ${t('eventsPerSecond')}` : '';
  element.textContent = `${label}${detail}`;
  element.title = status?.lastError ? String(status.lastError) : '';
};

/** Polls the projection status every few seconds while the page is open. */
export const pollStatus = (indicator: LiveIndicator, everyMs = 3000): void => {
  const tick = async () => {
    try {
      indicator.status = await api.status();
      indicator.failed = false;
    } catch {
      indicator.failed = true;
    }
    renderIndicator(indicator);
  };
  void tick();
  setInterval(tick, everyMs);
};
