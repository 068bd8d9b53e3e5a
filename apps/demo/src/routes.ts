import { type Action, SERVICES, type Service } from './action';

export interface HttpRequest {
  readonly service: Service;
  readonly method: 'POST';
  readonly path: string;
  readonly body: Record<string, unknown>;
}

const seg = encodeURIComponent;

/** The path of each kind of action, exactly as the controllers of libs/<context>/api route it. */
const pathOf = (action: Action): string => {
  switch (action.aggregate) {
    case 'deal':
      if (action.kind === 'open') return '/deals';
      return `/deals/${seg(action.id)}/${action.kind === 'activity' ? 'activities' : action.kind}`;
    case 'target':
      return '/targets';
    case 'forecast':
      return '/forecasts';
    case 'market':
      return '/markets';
    case 'customer':
      switch (action.kind) {
        case 'register':
          return '/customers';
        case 'survey':
          return `/customers/${seg(action.id)}/surveys`;
        case 'complaint':
          return `/customers/${seg(action.id)}/complaints`;
        case 'resolve':
          return `/customers/${seg(action.id)}/complaints/${seg(action.subId ?? '')}/resolve`;
        default:
          return `/customers/${seg(action.id)}/${action.kind}`;
      }
    case 'budget':
      return '/budgets';
    case 'expense':
      return action.kind === 'submit' ? '/expenses' : `/expenses/${seg(action.id)}/${action.kind}`;
    case 'rep':
      if (action.kind === 'hire') return '/reps';
      return `/reps/${seg(action.id)}/${action.kind === 'certify' ? 'certifications' : action.kind}`;
    case 'program':
      if (action.kind === 'create') return '/programs';
      return `/programs/${seg(action.id)}/${action.kind === 'enrol' ? 'enrolments' : 'completions'}`;
  }
};

/** The HTTP request that performs an action: which service, which route, which body. */
export const httpRequestOf = (action: Action): HttpRequest => ({
  service: action.service,
  method: 'POST',
  path: pathOf(action),
  body: { ...action.body, occurredAt: action.occurredAt },
});

/** Where each service listens: the same variables and defaults as `npm start`. */
export const PORT_VARIABLES: Readonly<Record<Service | 'projection', [string, number]>> = {
  projection: ['PROJECTION_PORT', 3000],
  deals: ['DEALS_PORT', 3001],
  customers: ['CUSTOMERS_PORT', 3002],
  costs: ['COSTS_PORT', 3003],
  training: ['TRAINING_PORT', 3004],
};

export type BaseUrls = Readonly<Record<Service | 'projection', string>>;

export const baseUrlsFrom = (env: NodeJS.ProcessEnv): BaseUrls => {
  const host = env.HOST || '127.0.0.1';
  const urlOf = (name: Service | 'projection') => {
    const [variable, fallback] = PORT_VARIABLES[name];
    return `http://${host}:${env[variable] || fallback}`;
  };
  return { projection: urlOf('projection'), ...Object.fromEntries(SERVICES.map((s) => [s, urlOf(s)])) } as BaseUrls;
};
