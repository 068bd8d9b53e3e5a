import 'reflect-metadata';
import { costsControllers, costsRoutes } from '@quotient/costs-api';
import { exitOnConfigurationError, startCommandService, stopOnSignals } from '@quotient/runtime';

export const costsService = {
  name: 'costs',
  portVariable: 'COSTS_PORT',
  defaultPort: 3003,
  controllers: costsControllers,
  routes: costsRoutes,
};

if (require.main === module) {
  startCommandService(costsService).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
