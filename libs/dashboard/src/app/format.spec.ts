import { eventLabel, formatDelta, formatInput, formatValue, streamLabel, toneOf } from './format';
import { setLang } from './i18n';

describe('dashboard formatting', () => {
  beforeAll(() => setLang('en'));

  it('shows fractions as percentages, money compact, nulls as a dash', () => {
    expect(formatValue(0.42, 'ratio')).toBe('42 %');
    expect(formatValue(0.0525, 'ratio')).toBe('5.25 %');
    expect(formatValue(1_250_000, 'money')).toMatch(/^¥1\.25m$/i);
    expect(formatValue(null, 'money')).toBe('—');
    expect(formatValue(35, 'nps')).toBe('+35');
    expect(formatValue(3.5, 'ratio', 'pipeline_coverage')).toBe('3.5×');
  });

  it('shows changes in percentage points and colours them by the metric direction', () => {
    expect(formatDelta(0.031, 'ratio')).toBe('+3.1 pp');
    expect(formatDelta(-2, 'days')).toBe('−2 days');
    expect(toneOf(0.1, 'higher')).toBe('good');
    expect(toneOf(0.1, 'lower')).toBe('bad');
    expect(toneOf(0.1, 'neutral')).toBe('flat');
    expect(toneOf(null, 'higher')).toBe('flat');
  });

  it('spells inputs out instead of showing JSON', () => {
    expect(formatInput('topCustomers', [{ customerId: 'c1', revenue: 164_000 }])).toBe('c1 ¥164k');
    expect(formatInput('byCategory', { travel: { expenses: 3000, budget: 2000, utilisation: 1.5 } })).toBe('travel (Expenses ¥3,000, Budget ¥2,000, Utilisation 150 %)');
    expect(formatInput('reason', 'denominator is zero')).toBe('denominator is zero');
  });

  it('names the events that changed a number by their aggregate and revision', () => {
    expect(streamLabel('deals.deal-live-1')).toBe('Deal live-1');
    expect(streamLabel('costs.expense-trip-1')).toBe('Expense trip-1');
    expect(streamLabel('odd')).toBe('odd');
    expect(eventLabel({ streamId: 'deals.deal-d3', revision: 2 })).toBe('Deal d3 · revision 2');
  });
});
