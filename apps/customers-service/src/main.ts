import 'reflect-metadata';
import { customersService } from '@quotient/customers-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

if (require.main === module) {
  startCommandService(customersService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
