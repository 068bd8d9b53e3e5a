import { dealsRoutes } from './deals.openapi';
import { DealsController } from './deals.controller';
import { PlanningController } from './planning.controller';

export { DealsController, PlanningController };
export * from './deals.dto';
export * from './deals.openapi';

/** Everything the deals service serves, for its composition root. */
export const dealsControllers = [DealsController, PlanningController];

/** The deals service as its composition root starts it: name, port variable, controllers, OpenAPI routes. */
export const dealsService = {
  name: 'deals',
  portVariable: 'DEALS_PORT',
  defaultPort: 3001,
  controllers: dealsControllers,
  routes: dealsRoutes,
};
