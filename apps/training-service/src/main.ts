import 'reflect-metadata';
import { trainingService } from '@quotient/training-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

if (require.main === module) {
  startCommandService(trainingService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
