import { api, ApiError, Change, MetricView } from './api';
import { setCatalogue } from './catalogue';
import { renderCatalogue, updateCatalogueRow } from './catalogue-view';
import { resizeAll } from './charts';
import { renderCharts } from './charts-view';
import { renderBanner, renderControls } from './controls';
import { loadSnapshot, Snapshot } from './data';
import { byId, h } from './dom';
import { useCurrency } from './format';
import { closeExplain, openExplain } from './explain-drawer';
import { Lang, lang, setLang, t } from './i18n';
import { connectChanges, LiveIndicator, pollStatus, renderIndicator } from './live';
import { renderBreadcrumb, renderComposite, renderDrill } from './scorecard-view';
import { createStore, readHash, scopeOf, ViewState } from './state';
import { renderTiles } from './tiles';

const store = createStore(readHash());
const indicator: LiveIndicator = { paused: store.get().asOf !== null, streamOpen: false, status: null, failed: false };
let snapshot: Snapshot | null = null;
let loads = 0;
let explaining: { metric: string; scope: string; period: string } | null = null;

const navigate = (path: string[]) => store.update({ path });

const renderFrame = () => {
  document.title = `Quotient · ${t('title')}`;
  byId('title').textContent = t('title');
  byId('subtitle').textContent = t('subtitle');
  renderControls(byId('controls'), store, changeLanguage);
  renderBanner(byId('banner'), store);
  renderIndicator(indicator);
};

/** Everything from the snapshot; `live` keeps the catalogue (and what the user opened in it) and patches changed rows. */
const renderView = (live = false, changed: readonly MetricView[] = []) => {
  if (!snapshot) return;
  const { path } = store.get();
  renderBreadcrumb(byId('breadcrumb'), path, navigate);
  renderTiles(byId('tiles'), snapshot);
  renderComposite(byId('composite'), snapshot, navigate, live);
  renderDrill(byId('drill'), snapshot, path, navigate);
  renderCharts(byId('charts'), snapshot, path, navigate, live);
  if (!live) renderCatalogue(byId('catalogue'), snapshot);
  else for (const view of changed) updateCatalogueRow(byId('catalogue'), view, snapshot);
  byId('updated').textContent = `${t('updated')} ${new Date().toLocaleTimeString()}`;
  document.body.dataset.ready = 'true';
};

const load = async (live = false) => {
  const id = ++loads;
  const started = performance.now();
  if (!live) {
    document.body.classList.add('loading');
    byId('updated').textContent = t('loading');
  }
  try {
    const next = await loadSnapshot(store.get());
    if (id !== loads) return;
    lastLoadMs = performance.now() - started;
    const before = snapshot;
    snapshot = next;
    const changed = live && before ? [...next.metrics.values()].filter((v) => before.metrics.get(v.metric)?.value !== v.value) : [];
    renderView(live, changed);
  } catch (error) {
    if (id === loads) byId('tiles').replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${(error as Error).message}`));
  } finally {
    if (id === loads) document.body.classList.remove('loading');
  }
};

/** Live changes refresh charts and rankings at most every few seconds, however busy the stream. */
let refreshTimer: number | undefined;
let lastRefresh = 0;
let lastLoadMs = 0;
let staleWhileHidden = false;
const scheduleRefresh = () => {
  if (document.hidden) return void (staleWhileHidden = true);
  if (refreshTimer !== undefined) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = undefined;
    lastRefresh = Date.now();
    if (!store.get().asOf) void load(true);
  }, Math.max(800, Math.max(4000, 2 * lastLoadMs) - (Date.now() - lastRefresh)));
};

/** Marks what just changed (a fresh element, so the animation runs without forcing a reflow). */
const flash = (metric: string) => {
  for (const element of document.querySelectorAll(`.tile[data-metric="${metric}"], .metric-row[data-metric="${metric}"]`)) {
    element.classList.add('flash');
    element.addEventListener('animationend', () => element.classList.remove('flash'), { once: true });
  }
};

/**
 * A change of a shown value updates its tile within a quarter second; everything else follows with
 * the next refresh. Changes are applied in batches so a busy stream costs one render per batch.
 */
const pending = new Map<string, Change>();
let flushTimer: number | undefined;
const flushChanges = () => {
  flushTimer = undefined;
  if (!snapshot || store.get().asOf) return pending.clear();
  const changed: MetricView[] = [];
  for (const change of pending.values()) {
    const view = snapshot.metrics.get(change.metric);
    if (!view || view.value === change.value) continue;
    view.value = change.value;
    view.inputs = change.inputs;
    view.updatedAt = change.occurredAt;
    view.delta = change.value !== null && view.previousPeriodValue !== null ? Math.round((change.value - view.previousPeriodValue) * 1e6) / 1e6 : null;
    changed.push(view);
  }
  pending.clear();
  if (changed.length === 0) return;
  renderTiles(byId('tiles'), snapshot);
  for (const view of changed) updateCatalogueRow(byId('catalogue'), view, snapshot);
  for (const view of changed) flash(view.metric);
};

let explainTimer: number | undefined;
const onChange = (change: Change) => {
  if (!snapshot || store.get().asOf) return;
  if (change.period === snapshot.period && change.scope === snapshot.scope) {
    pending.set(change.metric, change);
    flushTimer ??= window.setTimeout(flushChanges, 250);
  }
  if (explaining && !byId('drawer').hidden && explaining.metric === change.metric && explaining.scope === change.scope && explaining.period === change.period) {
    const { metric, scope, period } = explaining;
    explainTimer ??= window.setTimeout(() => ((explainTimer = undefined), void openExplain(metric, scope, period, null)), 500);
  }
  scheduleRefresh();
};

let disconnect: (() => void) | null = null;
const setLive = (live: boolean) => {
  indicator.paused = !live;
  if (live && !disconnect) disconnect = connectChanges(onChange, (open) => ((indicator.streamOpen = open), renderIndicator(indicator)));
  if (!live && disconnect) {
    disconnect();
    disconnect = null;
    indicator.streamOpen = false;
  }
  renderIndicator(indicator);
};

function changeLanguage(next: Lang) {
  setLang(next);
  renderFrame();
  renderView();
}

store.subscribe((state: ViewState, previous: ViewState) => {
  renderFrame();
  if (state.asOf !== previous.asOf) setLive(state.asOf === null);
  if (state.period !== previous.period || state.asOf !== previous.asOf || scopeOf(state) !== scopeOf(previous)) void load();
  else renderView();
});

document.addEventListener('click', (event) => {
  const target = (event.target as Element).closest<HTMLElement>('[data-explain]');
  if (!target) return;
  const { metric = '', scope = '', period = '' } = target.dataset;
  explaining = { metric, scope, period };
  void openExplain(metric, scope, period, store.get().asOf);
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    explaining = null;
    closeExplain();
  }
});
window.addEventListener('resize', () => resizeAll());
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && staleWhileHidden && !store.get().asOf) {
    staleWhileHidden = false;
    void load(true);
  }
});

/** A projection that is starting answers 503 until it has loaded its read models: say so, and retry. */
const catalogueAndSettings = async () => {
  for (;;) {
    try {
      return await Promise.all([api.catalogue(), api.settings()]);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 503)) throw error;
      byId('tiles').replaceChildren(h('p', {}, t('starting')));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
};

const start = async () => {
  setLang(lang());
  renderFrame();
  const [catalogue, settings] = await catalogueAndSettings();
  useCurrency(settings.baseCurrency);
  setCatalogue(catalogue);
  setLive(store.get().asOf === null);
  pollStatus(indicator);
  await load();
};
void start();
