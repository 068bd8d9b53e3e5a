import 'reflect-metadata';
import { dealsControllers, dealsRoutes } from '@quotient/deals-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

export const dealsService = {
  name: 'deals',
  portVariable: 'DEALS_PORT',
  defaultPort: 3001,
  controllers: dealsControllers,
  routes: dealsRoutes,
};

if (require.main === module) {
  startCommandService(dealsService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
