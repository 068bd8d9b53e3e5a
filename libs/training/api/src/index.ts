import { trainingRoutes } from './training.openapi';
import { ProgramsController } from './programs.controller';
import { RepsController } from './reps.controller';

export { ProgramsController, RepsController };
export * from './training.dto';
export * from './training.openapi';

/** Everything the training service serves, for its composition root. */
export const trainingControllers = [RepsController, ProgramsController];

/** The training service as its composition root starts it: name, port variable, controllers, OpenAPI routes. */
export const trainingService = {
  name: 'training',
  portVariable: 'TRAINING_PORT',
  defaultPort: 3004,
  controllers: trainingControllers,
  routes: trainingRoutes,
};
