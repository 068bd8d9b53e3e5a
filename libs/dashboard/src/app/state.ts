import { containing } from './periods';

/** What the dashboard shows: a period, a drill path (org → team → rep), live or as known at `asOf`. */
export interface ViewState {
  readonly period: string;
  /** Drill path, first always `org`; the scope shown is the last. */
  readonly path: readonly string[];
  /** ISO instant of a historical view, or null for live. */
  readonly asOf: string | null;
}

export const scopeOf = (state: ViewState): string => state.path[state.path.length - 1];

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
const SCOPE = /^(team|rep|region|channel|segment):[A-Za-z0-9_.-]{1,100}$/;

/** The state lives in the URL hash, so a view (a historical one too) can be bookmarked and shared. */
export const readHash = (hash = location.hash): ViewState => {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const period = params.get('period') ?? '';
  const path = (params.get('path') ?? '').split(',').filter((s) => SCOPE.test(s));
  const asOf = params.get('asOf');
  return {
    period: PERIOD.test(period) ? period : containing(new Date(), 'quarter'),
    path: ['org', ...path],
    asOf: asOf && !Number.isNaN(Date.parse(asOf)) ? new Date(asOf).toISOString() : null,
  };
};

export const writeHash = (state: ViewState): void => {
  const params = new URLSearchParams({ period: state.period });
  if (state.path.length > 1) params.set('path', state.path.slice(1).join(','));
  if (state.asOf) params.set('asOf', state.asOf);
  history.replaceState(null, '', `#${params.toString()}`);
};

type Listener = (state: ViewState, previous: ViewState) => void;

/** The one mutable place: every control calls `update`, every view re-renders from the state. */
export const createStore = (initial: ViewState) => {
  let state = initial;
  const listeners: Listener[] = [];
  return {
    get: () => state,
    update(patch: Partial<ViewState>) {
      const previous = state;
      state = { ...state, ...patch };
      writeHash(state);
      for (const listener of listeners) listener(state, previous);
    },
    subscribe(listener: Listener) {
      listeners.push(listener);
    },
  };
};

export type Store = ReturnType<typeof createStore>;
