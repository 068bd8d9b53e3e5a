import { customersRoutes } from './customers.openapi';
import { CustomersController } from './customers.controller';

export { CustomersController };
export * from './customers.dto';
export * from './customers.openapi';
export * from './customer.view';

/** Everything the customers service serves, for its composition root. */
export const customersControllers = [CustomersController];

/** The customers service as its composition root starts it: name, port variable, controllers, OpenAPI routes. */
export const customersService = {
  name: 'customers',
  portVariable: 'CUSTOMERS_PORT',
  defaultPort: 3002,
  controllers: customersControllers,
  routes: customersRoutes,
};
