import { BudgetsController } from './budgets.controller';
import { ExpensesController } from './expenses.controller';

export { BudgetsController, ExpensesController };
export * from './costs.dto';
export * from './costs.openapi';

/** Everything the costs service serves, for its composition root. */
export const costsControllers = [ExpensesController, BudgetsController];
