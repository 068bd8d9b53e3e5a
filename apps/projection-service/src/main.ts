import 'reflect-metadata';
import { DashboardController } from '@quotient/dashboard-server';
import { exitOnConfigurationError, startProjectionService, stopOnSignals } from '@quotient/runtime';

if (require.main === module) {
  startProjectionService(process.env, { controllers: [DashboardController] }).then(({ stop }) => stopOnSignals(stop), exitOnConfigurationError);
}
