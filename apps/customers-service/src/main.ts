import 'reflect-metadata';
import { customersControllers, customersRoutes } from '@quotient/customers-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

export const customersService = {
  name: 'customers',
  portVariable: 'CUSTOMERS_PORT',
  defaultPort: 3002,
  controllers: customersControllers,
  routes: customersRoutes,
};

if (require.main === module) {
  startCommandService(customersService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
