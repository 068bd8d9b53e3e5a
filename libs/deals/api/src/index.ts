import { DealsController } from './deals.controller';
import { PlanningController } from './planning.controller';

export { DealsController, PlanningController };
export * from './deals.dto';
export * from './deals.openapi';

/** Everything the deals service serves, for its composition root. */
export const dealsControllers = [DealsController, PlanningController];
