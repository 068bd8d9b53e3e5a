import { ChurnCustomerData, RecordSurveyData, RegisterCustomerData } from './customer.commands';

const problemsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((i) => i.path.join('.'));

describe('customer command schemas', () => {
  describe('survey scale', () => {
    it.each([
      ['csat', 1],
      ['csat', 5],
      ['nps', 0],
      ['nps', 10],
    ])('accepts %s %i', (kind, score) => expect(RecordSurveyData.safeParse({ customerId: 'c1', kind, score }).success).toBe(true));

    it.each([
      ['csat', 0],
      ['csat', 6],
      ['nps', -1],
      ['nps', 11],
      ['csat', 4.5],
    ])('refuses %s %d, naming the score', (kind, score) => expect(problemsOf(RecordSurveyData.safeParse({ customerId: 'c1', kind, score }))).toEqual(['score']));

    it('names the score next to other invalid fields', () =>
      expect(problemsOf(RecordSurveyData.safeParse({ customerId: 'bad id!', kind: 'nps', score: 42 })).sort()).toEqual(['customerId', 'score']));

    it('names only the kind when the kind is unknown', () => expect(problemsOf(RecordSurveyData.safeParse({ customerId: 'c1', kind: 'ces', score: 3 }))).toEqual(['kind']));
  });

  it('refuses a blank name and a blank churn reason', () => {
    const registration = { customerId: 'c1', name: '   ', segment: 's', region: 'r', channel: 'c', ownerRepId: 'r1', teamId: 't1' };
    expect(problemsOf(RegisterCustomerData.safeParse(registration))).toEqual(['name']);
    expect(problemsOf(ChurnCustomerData.safeParse({ customerId: 'c1', reason: '' }))).toEqual(['reason']);
  });

  it('trims the name', () =>
    expect(RegisterCustomerData.parse({ customerId: 'c1', name: ' Acme ', segment: 's', region: 'r', channel: 'c', ownerRepId: 'r1', teamId: 't1' }).name).toBe('Acme'));
});
