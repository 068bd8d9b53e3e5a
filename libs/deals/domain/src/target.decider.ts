import { Decider, roundMoney, StoredDomainEvent } from '@quotient/kernel';
import type { SetTarget } from './planning.commands';
import type { TargetSet } from './planning.events';

export type Target = { readonly value: number | null };

/** Setting a target again revises it; setting the same value again changes nothing. */
export const targetDecider: Decider<SetTarget, Target, TargetSet> = {
  initialState: () => ({ value: null }),
  decide: ({ data }, target) => {
    const value = data.measure === 'revenue' ? roundMoney(data.value) : data.value;
    if (target.value === value) return [];
    return [{ type: 'deals.TargetSet', data: { scope: data.scope, period: data.period, measure: data.measure, value, previousValue: target.value } }];
  },
  evolve: (_target, event: StoredDomainEvent<TargetSet>) => ({ value: event.data.value }),
};
