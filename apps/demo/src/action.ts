/**
 * A neutral history action: one command of the public HTTP contract (DESIGN.md §4), independent
 * of how it is delivered. `httpRequestOf` turns it into a request; the benchmarks' direct path
 * turns the same action into a decider command.
 */
export type Service = 'deals' | 'customers' | 'costs' | 'training';

export const SERVICES: readonly Service[] = ['deals', 'customers', 'costs', 'training'];

export interface ActionKinds {
  readonly deal: 'open' | 'stage' | 'amount' | 'win' | 'lose' | 'activity';
  readonly target: 'set';
  readonly forecast: 'submit';
  readonly market: 'record';
  readonly customer: 'register' | 'survey' | 'complaint' | 'resolve' | 'churn' | 'reactivate';
  readonly budget: 'set';
  readonly expense: 'submit' | 'approve' | 'reject';
  readonly rep: 'hire' | 'transfer' | 'leave' | 'certify';
  readonly program: 'create' | 'enrol' | 'complete';
}

export type Aggregate = keyof ActionKinds;

export const SERVICE_OF: Readonly<Record<Aggregate, Service>> = {
  deal: 'deals',
  target: 'deals',
  forecast: 'deals',
  market: 'deals',
  customer: 'customers',
  budget: 'costs',
  expense: 'costs',
  rep: 'training',
  program: 'training',
};

export type Action = {
  [A in Aggregate]: {
    readonly service: Service;
    readonly aggregate: A;
    readonly kind: ActionKinds[A];
    /** The aggregate's id: a client-chosen id, or the natural key of a target, forecast, market or budget. */
    readonly id: string;
    /** The complaint a `resolve` is about. */
    readonly subId?: string;
    /** The request body, without `occurredAt`. */
    readonly body: Readonly<Record<string, unknown>>;
    /** Business time (ISO-8601). */
    readonly occurredAt: string;
  };
}[Aggregate];

/** Identifies the aggregate an action changes: actions with the same key must run in order. */
export const aggregateKey = (action: Pick<Action, 'aggregate' | 'id'>): string => `${action.aggregate}:${action.id}`;

/**
 * Every aggregate whose state an action depends on. Enrolments and completions read the rep,
 * another aggregate, so they also wait for the rep's earlier actions — and the rep's later ones
 * wait for them.
 */
export const lanesOf = (action: Action): string[] =>
  action.aggregate === 'program' && action.kind !== 'create'
    ? [aggregateKey(action), aggregateKey({ aggregate: 'rep', id: String(action.body.repId) })]
    : [aggregateKey(action)];
