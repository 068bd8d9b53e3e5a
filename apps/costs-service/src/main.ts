import 'reflect-metadata';
import { costsService } from '@quotient/costs-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

if (require.main === module) {
  startCommandService(costsService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
