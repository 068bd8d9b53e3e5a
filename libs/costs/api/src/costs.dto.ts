import { ApproveExpenseData, RejectExpenseData, SetBudgetData, SubmitExpenseData } from '@quotient/costs-domain';
import { commandBody } from '@quotient/http';

/** Request bodies: the command's data without the ids that come from the path or the server. */
export const SetBudgetBody = commandBody(SetBudgetData.shape);
export const SubmitExpenseBody = commandBody({ ...SubmitExpenseData.shape, expenseId: SubmitExpenseData.shape.expenseId.optional() });
export const ApproveExpenseBody = commandBody(ApproveExpenseData.omit({ expenseId: true }).shape);
export const RejectExpenseBody = commandBody(RejectExpenseData.omit({ expenseId: true }).shape);
