import { budgetDecider, budgetId, budgetStream, expenseDecider, expenseStream } from '@quotient/costs-domain';
import { customerDecider, customerStream } from '@quotient/customers-domain';
import { dealDecider, dealStream, forecastDecider, forecastId, forecastStream, marketDecider, marketId, marketStream, targetDecider, targetId, targetStream } from '@quotient/deals-domain';
import { Command, CommandMetadata, Decider, DEFAULT_TENANT, DomainEvent } from '@quotient/kernel';
import { programDecider, programStream, RepSnapshot, repDecider, repStream } from '@quotient/training-domain';
import type { Action } from '../../apps/demo/src/action';

/** A command ready for the one command handler, without HTTP in between. */
export interface DirectCommand {
  readonly decider: Decider<Command, unknown, DomainEvent>;
  readonly streamId: string;
  readonly command: Command;
}

type Body = Record<string, unknown>;
const direct = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>, streamId: string, type: C['type'], data: Body, metadata: CommandMetadata) =>
  ({ decider, streamId, command: { type, data, metadata } }) as unknown as DirectCommand;

const DEAL_COMMANDS = { open: 'OpenDeal', stage: 'ChangeDealStage', amount: 'ChangeDealAmount', win: 'WinDeal', lose: 'LoseDeal', activity: 'LogActivity' } as const;
const CUSTOMER_COMMANDS = { register: 'RegisterCustomer', survey: 'RecordSurvey', complaint: 'OpenComplaint', resolve: 'ResolveComplaint', churn: 'ChurnCustomer', reactivate: 'ReactivateCustomer' } as const;
const EXPENSE_COMMANDS = { submit: 'SubmitExpense', approve: 'ApproveExpense', reject: 'RejectExpense' } as const;
const REP_COMMANDS = { hire: 'HireRep', transfer: 'TransferRep', leave: 'RecordRepDeparture', certify: 'CertifyRep' } as const;
const PROGRAM_COMMANDS = { create: 'CreateProgram', enrol: 'EnrolRep', complete: 'CompleteTraining' } as const;

/**
 * The decider command an action stands for: the same data the controllers of libs/<context>/api
 * build from the route and body. Enrolments and completions need the rep as the program's
 * decider sees it (the controller reads it from the rep's stream); pass that snapshot in.
 */
export const commandOf = (action: Action, rep?: RepSnapshot): DirectCommand => {
  const { id, body, occurredAt } = action;
  const metadata: CommandMetadata = { tenantId: DEFAULT_TENANT, actor: 'bench', correlationId: `${action.aggregate}-${id}`, occurredAt, now: occurredAt };
  switch (action.aggregate) {
    case 'deal':
      return direct(dealDecider, dealStream(id), DEAL_COMMANDS[action.kind], { ...body, dealId: id }, metadata);
    case 'target':
      return direct(targetDecider, targetStream(targetId(body as never)), 'SetTarget', body, metadata);
    case 'forecast':
      return direct(forecastDecider, forecastStream(forecastId(body as never)), 'SubmitForecast', body, metadata);
    case 'market':
      return direct(marketDecider, marketStream(marketId(body as never)), 'RecordMarketSize', body, metadata);
    case 'customer': {
      const extra = action.kind === 'resolve' ? { complaintId: action.subId } : {};
      return direct(customerDecider, customerStream(id), CUSTOMER_COMMANDS[action.kind], { ...body, ...extra, customerId: id }, metadata);
    }
    case 'budget':
      return direct(budgetDecider, budgetStream(budgetId(body as never)), 'SetBudget', body, metadata);
    case 'expense':
      return direct(expenseDecider, expenseStream(id), EXPENSE_COMMANDS[action.kind], { ...body, expenseId: id }, metadata);
    case 'rep':
      return direct(repDecider, repStream(id), REP_COMMANDS[action.kind], { ...body, repId: id }, metadata);
    case 'program': {
      if (action.kind !== 'create' && !rep) throw new Error(`${action.kind} of program ${id} needs the rep's snapshot`);
      const extra = action.kind === 'create' ? {} : { rep };
      return direct(programDecider, programStream(id), PROGRAM_COMMANDS[action.kind], { ...body, ...extra, programId: id }, metadata);
    }
  }
};

/** The rep as an enrolment sees it, read from the training store like the programs controller does. */
export const repSnapshotFrom = async (readStream: (streamId: string) => Promise<Array<{ type: string; data: unknown; occurredAt: string; revision: number }>>, repId: string): Promise<RepSnapshot> => {
  let state = repDecider.initialState();
  for (const event of await readStream(repStream(repId))) state = repDecider.evolve(state, event as never);
  if (state.status === 'none') throw new Error(`rep ${repId} does not exist`);
  return { repId, teamId: state.teamId, active: state.status === 'active' };
};
