import { ProgramsController } from './programs.controller';
import { RepsController } from './reps.controller';

export { ProgramsController, RepsController };
export * from './training.dto';
export * from './training.openapi';

/** Everything the training service serves, for its composition root. */
export const trainingControllers = [RepsController, ProgramsController];
