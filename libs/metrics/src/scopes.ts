import type { ScopeKind } from '@quotient/contracts';

export const ORG = 'org';
export const team = (id: string) => `team:${id}`;
export const rep = (id: string) => `rep:${id}`;
export const region = (id: string) => `region:${id}`;
export const channel = (id: string) => `channel:${id}`;
export const segment = (id: string) => `segment:${id}`;

/** Internal scope of a market cell: one segment+region pair (market share is summed over cells). */
export const marketCell = (segmentId: string, regionId: string) => `cell:${segmentId}/${regionId}`;
/** Internal sub-scope: one customer inside a scope (top-customer concentration). */
export const customerWithin = (scope: string, customerId: string) => `${scope}/customer:${customerId}`;

/** A scope the API serves (org, team, rep…), not an internal cell or sub-scope. */
export const isPublicScope = (scope: string): boolean => !scope.includes('/') && !scope.startsWith('cell:');

export const scopeKind = (scope: string): ScopeKind | 'cell' | 'sub' => {
  if (scope.includes('/')) return scope.startsWith('cell:') ? 'cell' : 'sub';
  if (scope === ORG) return 'org';
  return scope.slice(0, scope.indexOf(':')) as ScopeKind;
};

export interface Attribution {
  readonly teamId?: string | null;
  readonly repId?: string | null;
  readonly region?: string | null;
  readonly channel?: string | null;
  readonly segment?: string | null;
}

/** Every public scope an attributed fact counts in: org plus each named dimension. */
export const scopesOf = (a: Attribution): string[] => {
  const scopes = [ORG];
  if (a.teamId) scopes.push(team(a.teamId));
  if (a.repId) scopes.push(rep(a.repId));
  if (a.region) scopes.push(region(a.region));
  if (a.channel) scopes.push(channel(a.channel));
  if (a.segment) scopes.push(segment(a.segment));
  return scopes;
};
