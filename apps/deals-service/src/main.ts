import 'reflect-metadata';
import { dealsService } from '@quotient/deals-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

if (require.main === module) {
  startCommandService(dealsService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
