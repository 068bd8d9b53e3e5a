import type { EventOf } from '@quotient/contracts';

export type DealOpened = EventOf<'deals.DealOpened'>;
export type DealStageChanged = EventOf<'deals.DealStageChanged'>;
export type DealAmountChanged = EventOf<'deals.DealAmountChanged'>;
export type DealWon = EventOf<'deals.DealWon'>;
export type DealLost = EventOf<'deals.DealLost'>;
export type ActivityLogged = EventOf<'deals.ActivityLogged'>;

export type DealEvent = DealOpened | DealStageChanged | DealAmountChanged | DealWon | DealLost | ActivityLogged;

export const dealStream = (dealId: string): string => `deals.deal-${dealId}`;
