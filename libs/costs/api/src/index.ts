import { costsRoutes } from './costs.openapi';
import { BudgetsController } from './budgets.controller';
import { ExpensesController } from './expenses.controller';

export { BudgetsController, ExpensesController };
export * from './costs.dto';
export * from './costs.openapi';

/** Everything the costs service serves, for its composition root. */
export const costsControllers = [ExpensesController, BudgetsController];

/** The costs service as its composition root starts it: name, port variable, controllers, OpenAPI routes. */
export const costsService = {
  name: 'costs',
  portVariable: 'COSTS_PORT',
  defaultPort: 3003,
  controllers: costsControllers,
  routes: costsRoutes,
};
