import { CustomersController } from './customers.controller';

export { CustomersController };
export * from './customers.dto';
export * from './customers.openapi';
export * from './customer.view';

/** Everything the customers service serves, for its composition root. */
export const customersControllers = [CustomersController];
