// Docker HEALTHCHECK of a Quotient service: GET /health on the service's own port with Node's
// fetch (the slim image has no curl). Exit 0 = healthy.
const ports = {
  projection: ['PROJECTION_PORT', 3000],
  deals: ['DEALS_PORT', 3001],
  customers: ['CUSTOMERS_PORT', 3002],
  costs: ['COSTS_PORT', 3003],
  training: ['TRAINING_PORT', 3004],
};
const entry = ports[process.env.SERVICE];
if (!entry) {
  console.error(`SERVICE must be one of ${Object.keys(ports).join(', ')}`);
  process.exit(1);
}
const port = process.env[entry[0]] || entry[1];
fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  (error) => {
    console.error(`health check failed: ${error.message}`);
    process.exit(1);
  },
);
