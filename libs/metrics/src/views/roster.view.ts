import type { DealData } from '../areas/deal.entity';
import type { RepData } from '../areas/rep.entity';
import type { MetricState } from '../metric-state';
import { periodBounds, periodsOf } from '../periods';
import { rep, team } from '../scopes';

export interface TeamRoster {
  readonly team: string;
  readonly reps: readonly string[];
}

const addMember = (teams: Map<string, Set<string>>, teamScope: string, repScope: string | null) => {
  let members = teams.get(teamScope);
  if (!members) teams.set(teamScope, (members = new Set()));
  if (repScope) members.add(repScope);
};

/**
 * Which reps worked in which team during a period (for drilling down from a team to its reps):
 * every team stint of a rep that overlaps the period, and every deal of the period by its
 * owner's team. A rep who moved appears under both teams.
 */
export const teamRosters = (state: MetricState, period: string): TeamRoster[] => {
  const { start, end } = periodBounds(period);
  const teams = new Map<string, Set<string>>();
  for (const [key, record] of state.entities) {
    if (key.startsWith('rep:')) {
      const data = record.data as RepData;
      data.teams.forEach(([teamId, since], i) => {
        const until = i + 1 < data.teams.length ? data.teams[i + 1][1] : data.leftAt;
        if (since.slice(0, 10) < end && (until === null || until.slice(0, 10) >= start)) addMember(teams, team(teamId), key);
      });
    } else if (key.startsWith('deal:')) {
      const deal = record.data as DealData;
      const day = deal.status === 'open' ? deal.expectedCloseDate : deal.closedAt;
      if (day !== null && periodsOf(day).includes(period)) addMember(teams, team(deal.attribution.teamId), rep(deal.attribution.ownerRepId));
    }
  }
  return [...teams.entries()].map(([t, reps]) => ({ team: t, reps: [...reps].sort() })).sort((a, b) => a.team.localeCompare(b.team));
};
