import 'reflect-metadata';
import { trainingControllers, trainingRoutes } from '@quotient/training-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

export const trainingService = {
  name: 'training',
  portVariable: 'TRAINING_PORT',
  defaultPort: 3004,
  controllers: trainingControllers,
  routes: trainingRoutes,
};

if (require.main === module) {
  startCommandService(trainingService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
