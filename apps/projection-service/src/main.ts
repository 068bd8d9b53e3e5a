import 'reflect-metadata';
import { exitOnConfigurationError, startProjectionService, stopOnSignals } from '@quotient/runtime';

if (require.main === module) {
  startProjectionService().then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
