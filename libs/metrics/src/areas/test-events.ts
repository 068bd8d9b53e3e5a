import type { ActivityKind, ComplaintSeverity, CustomerAttribution, DealAttribution, DealStage, EventData, EventType, ExpenseCategory, QuotientEvent } from '@quotient/contracts';
import { DEFAULT_STAGE_PROBABILITY, eventSchemas } from '@quotient/contracts';
import type { FoldMeta } from '../definition';

/** Test helpers: valid events, parsed by the published schemas, with per-stream revisions. */
export interface Fact {
  readonly event: QuotientEvent;
  readonly meta: FoldMeta;
}

/** `2026-01-05` means noon UTC that day; a full instant is kept as it is. */
export const at = (time: string): string => (time.length === 10 ? `${time}T12:00:00.000Z` : new Date(time).toISOString());

type Who = Partial<Omit<CustomerAttribution, 'customerId'>>;
const DEFAULT_WHO = { ownerRepId: 'r1', teamId: 't1', region: 'north', channel: 'direct', segment: 'smb' };

export class EventLog {
  readonly facts: Fact[] = [];
  private readonly revisions = new Map<string, number>();
  private readonly deals = new Map<string, { attribution: DealAttribution; openedAt: string; amount: number; stage: DealStage; expectedCloseDate: string }>();
  private readonly customers = new Map<string, CustomerAttribution>();
  private readonly complaints = new Map<string, { severity: ComplaintSeverity; openedAt: string }>();
  private readonly reps = new Map<string, { teamId: string; hiredAt: string }>();
  private readonly programs = new Map<string, number>();
  private readonly enrolments = new Map<string, string>();

  add<T extends EventType>(streamId: string, type: T, data: EventData<T>, time: string): this {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const occurredAt = at(time);
    const parsed = eventSchemas[type].parse(data) as EventData<T>;
    this.facts.push({ event: { type, data: parsed } as QuotientEvent, meta: { occurredAt, recordedAt: occurredAt, streamId, revision } });
    return this;
  }

  // Deals context
  openDeal(time: string, dealId: string, o: Who & { customerId?: string; amount: number; stage?: DealStage; expectedCloseDate: string }): this {
    const attribution: DealAttribution = { dealId, customerId: o.customerId ?? 'c1', ...DEFAULT_WHO, ...pickWho(o) };
    const stage = o.stage ?? 'prospecting';
    this.deals.set(dealId, { attribution, openedAt: at(time), amount: o.amount, stage, expectedCloseDate: o.expectedCloseDate });
    const data = { ...attribution, amount: o.amount, stage, probability: DEFAULT_STAGE_PROBABILITY[stage], expectedCloseDate: o.expectedCloseDate };
    return this.add(`deals.deal-${dealId}`, 'deals.DealOpened', data, time);
  }

  changeStage(time: string, dealId: string, to: DealStage, probability = DEFAULT_STAGE_PROBABILITY[to], expectedCloseDate?: string): this {
    const deal = this.deal(dealId);
    const from = deal.stage;
    deal.stage = to;
    deal.expectedCloseDate = expectedCloseDate ?? deal.expectedCloseDate;
    const data = { ...deal.attribution, from, to, probability, amount: deal.amount, expectedCloseDate: deal.expectedCloseDate };
    return this.add(`deals.deal-${dealId}`, 'deals.DealStageChanged', data, time);
  }

  changeAmount(time: string, dealId: string, to: number): this {
    const deal = this.deal(dealId);
    const from = deal.amount;
    deal.amount = to;
    return this.add(`deals.deal-${dealId}`, 'deals.DealAmountChanged', { ...deal.attribution, from, to }, time);
  }

  win(time: string, dealId: string, amount?: number): this {
    const deal = this.deal(dealId);
    return this.add(`deals.deal-${dealId}`, 'deals.DealWon', { ...deal.attribution, amount: amount ?? deal.amount, openedAt: deal.openedAt }, time);
  }

  lose(time: string, dealId: string): this {
    const deal = this.deal(dealId);
    const data = { ...deal.attribution, amount: deal.amount, openedAt: deal.openedAt, reason: 'price', competitor: null };
    return this.add(`deals.deal-${dealId}`, 'deals.DealLost', data, time);
  }

  activity(time: string, dealId: string, kind: ActivityKind = 'call'): this {
    return this.add(`deals.deal-${dealId}`, 'deals.ActivityLogged', { ...this.deal(dealId).attribution, kind }, time);
  }

  target(time: string, scope: string, period: string, measure: 'revenue' | 'wonDeals' | 'newCustomers', value: number, previousValue: number | null = null): this {
    return this.add(`deals.target-${scope}.${period}.${measure}`, 'deals.TargetSet', { scope, period, measure, value, previousValue }, time);
  }

  forecast(time: string, scope: string, period: string, amount: number, category: 'commit' | 'bestCase' = 'commit'): this {
    return this.add(`deals.forecast-${scope}.${period}`, 'deals.ForecastSubmitted', { scope, period, category, amount }, time);
  }

  marketSize(time: string, segment: string, region: string, period: string, totalRevenue: number): this {
    return this.add(`deals.market-${segment}.${region}.${period}`, 'deals.MarketSizeRecorded', { segment, region, period, totalRevenue, source: null }, time);
  }

  // Customers context
  register(time: string, customerId: string, who: Who = {}): this {
    const attribution = { customerId, ...DEFAULT_WHO, ...pickWho(who) };
    this.customers.set(customerId, attribution);
    return this.add(`customers.customer-${customerId}`, 'customers.CustomerRegistered', { ...attribution, name: customerId }, time);
  }

  survey(time: string, customerId: string, kind: 'csat' | 'nps', score: number): this {
    return this.add(`customers.customer-${customerId}`, 'customers.SurveyRecorded', { ...this.customer(customerId), kind, score }, time);
  }

  openComplaint(time: string, customerId: string, complaintId: string, severity: ComplaintSeverity = 'low'): this {
    this.complaints.set(`${customerId}/${complaintId}`, { severity, openedAt: at(time) });
    return this.add(`customers.customer-${customerId}`, 'customers.ComplaintOpened', { ...this.customer(customerId), complaintId, severity }, time);
  }

  resolveComplaint(time: string, customerId: string, complaintId: string): this {
    const complaint = this.complaints.get(`${customerId}/${complaintId}`);
    if (!complaint) throw new Error(`unknown complaint ${complaintId}`);
    return this.add(`customers.customer-${customerId}`, 'customers.ComplaintResolved', { ...this.customer(customerId), complaintId, ...complaint }, time);
  }

  churn(time: string, customerId: string): this {
    return this.add(`customers.customer-${customerId}`, 'customers.CustomerChurned', { ...this.customer(customerId), reason: 'moved' }, time);
  }

  reactivate(time: string, customerId: string): this {
    return this.add(`customers.customer-${customerId}`, 'customers.CustomerReactivated', this.customer(customerId), time);
  }

  // Costs context
  expense(time: string, expenseId: string, o: { category: ExpenseCategory; amount: number; repId?: string; teamId?: string; channel?: string | null }, approvedAt = time): this {
    const facts = { expenseId, repId: o.repId ?? 'r1', teamId: o.teamId ?? 't1', category: o.category, amount: o.amount, channel: o.channel ?? null };
    this.add(`costs.expense-${expenseId}`, 'costs.ExpenseSubmitted', facts, time);
    return this.add(`costs.expense-${expenseId}`, 'costs.ExpenseApproved', { ...facts, incurredAt: at(time) }, approvedAt);
  }

  budget(time: string, scope: string, period: string, category: string, amount: number): this {
    return this.add(`costs.budget-${scope}.${period}.${category}`, 'costs.BudgetSet', { scope, period, category, amount, previousAmount: null }, time);
  }

  // Training context
  hire(time: string, repId: string, teamId = 't1'): this {
    this.reps.set(repId, { teamId, hiredAt: at(time) });
    return this.add(`training.rep-${repId}`, 'training.RepHired', { repId, name: repId, teamId }, time);
  }

  transfer(time: string, repId: string, toTeamId: string): this {
    const rep = this.rep(repId);
    const fromTeamId = rep.teamId;
    rep.teamId = toTeamId;
    return this.add(`training.rep-${repId}`, 'training.RepTransferred', { repId, fromTeamId, toTeamId }, time);
  }

  leave(time: string, repId: string): this {
    const rep = this.rep(repId);
    return this.add(`training.rep-${repId}`, 'training.RepLeft', { repId, teamId: rep.teamId, reason: 'resigned', hiredAt: rep.hiredAt }, time);
  }

  certify(time: string, repId: string, certification: string): this {
    return this.add(`training.rep-${repId}`, 'training.RepCertified', { repId, teamId: this.rep(repId).teamId, certification }, time);
  }

  program(time: string, programId: string, hours: number): this {
    this.programs.set(programId, hours);
    return this.add(`training.program-${programId}`, 'training.ProgramCreated', { programId, title: programId, skill: 'negotiation', hours }, time);
  }

  enrol(time: string, programId: string, repId: string): this {
    this.enrolments.set(`${programId}/${repId}`, at(time));
    const data = { programId, repId, teamId: this.rep(repId).teamId, hours: this.hours(programId) };
    return this.add(`training.program-${programId}`, 'training.RepEnrolled', data, time);
  }

  complete(time: string, programId: string, repId: string, score = 90): this {
    const enrolledAt = this.enrolments.get(`${programId}/${repId}`) as string;
    const data = { programId, repId, teamId: this.rep(repId).teamId, hours: this.hours(programId), score, enrolledAt };
    return this.add(`training.program-${programId}`, 'training.TrainingCompleted', data, time);
  }

  private deal(dealId: string) {
    const deal = this.deals.get(dealId);
    if (!deal) throw new Error(`unknown deal ${dealId}`);
    return deal;
  }

  private customer(customerId: string): CustomerAttribution {
    return this.customers.get(customerId) ?? { customerId, ...DEFAULT_WHO };
  }

  private rep(repId: string) {
    const rep = this.reps.get(repId);
    if (!rep) throw new Error(`unknown rep ${repId}`);
    return rep;
  }

  private hours(programId: string): number {
    return this.programs.get(programId) ?? 8;
  }
}

const pickWho = (o: Who): Who => Object.fromEntries(Object.entries(o).filter(([k, v]) => k in DEFAULT_WHO && v !== undefined));
