import { deciderSpec, testMetadata } from '@quotient/testing';
import { forecastDecider } from './forecast.decider';
import { marketDecider } from './market.decider';
import { targetDecider } from './target.decider';

const metadata = testMetadata();

describe('target decider', () => {
  const given = deciderSpec(targetDecider);
  const setTarget = (value: number) => ({ type: 'SetTarget' as const, data: { scope: 'team:t1', period: '2026-Q2', measure: 'revenue' as const, value }, metadata });
  const targetSet = (value: number, previousValue: number | null) => ({
    type: 'deals.TargetSet' as const,
    data: { scope: 'team:t1', period: '2026-Q2', measure: 'revenue' as const, value, previousValue },
  });

  it('sets a first target', () => given().when(setTarget(5000)).then([targetSet(5000, null)]));
  it('revises a target, keeping the previous value', () => given(targetSet(5000, null)).when(setTarget(6000)).then([targetSet(6000, 5000)]));
  it('changes nothing when the value is the same', () => given(targetSet(5000, null)).when(setTarget(5000)).thenNothing());
});

describe('forecast decider', () => {
  const given = deciderSpec(forecastDecider);
  const submit = (amount: number) => ({ type: 'SubmitForecast' as const, data: { scope: 'org', period: '2026-Q2', category: 'commit' as const, amount }, metadata });
  const submitted = (amount: number) => ({ type: 'deals.ForecastSubmitted' as const, data: { scope: 'org', period: '2026-Q2', category: 'commit' as const, amount } });

  it('records each submission, also a repeated one', () => given(submitted(100)).when(submit(100)).then([submitted(100)]));
  it('records a zero forecast', () => given().when(submit(0)).then([submitted(0)]));
});

describe('market decider', () => {
  const given = deciderSpec(marketDecider);
  const record = (totalRevenue: number, source?: string) => ({
    type: 'RecordMarketSize' as const,
    data: { segment: 'smb', region: 'east', period: '2026', totalRevenue, source },
    metadata,
  });
  const recorded = (totalRevenue: number, source: string | null) => ({
    type: 'deals.MarketSizeRecorded' as const,
    data: { segment: 'smb', region: 'east', period: '2026', totalRevenue, source },
  });

  it('records a market size', () => given().when(record(1e6, 'IDC')).then([recorded(1e6, 'IDC')]));
  it('records a correction', () => given(recorded(1e6, 'IDC')).when(record(2e6, 'IDC')).then([recorded(2e6, 'IDC')]));
  it('changes nothing for the same figure and source', () => given(recorded(1e6, 'IDC')).when(record(1e6, 'IDC')).thenNothing());
});
