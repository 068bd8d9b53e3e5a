// Starts every Quotient service as its own process on the embedded default, prints where each
// listens, and stops them all cleanly on Ctrl-C (SIGINT) or SIGTERM.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
/** V8 flags per service (scripts/node-flags.json). */
const nodeFlags = JSON.parse(readFileSync(join(root, 'scripts', 'node-flags.json'), 'utf8'));
const services = [
  { name: 'projection', port: 'PROJECTION_PORT', default: 3000 },
  { name: 'deals', port: 'DEALS_PORT', default: 3001 },
  { name: 'customers', port: 'CUSTOMERS_PORT', default: 3002 },
  { name: 'costs', port: 'COSTS_PORT', default: 3003 },
  { name: 'training', port: 'TRAINING_PORT', default: 3004 },
];

const children = new Map();
let stopping = false;

const stopAll = (code = 0) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write('\nstopping Quotient…\n');
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000);
  force.unref();
  const wait = setInterval(() => {
    if (children.size === 0) {
      clearInterval(wait);
      process.stderr.write('all services stopped\n');
      process.exit(code);
    }
  }, 50);
};

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

// --kafka: Kafka as the transport, starting the broker from infra/ if it is not running yet.
if (process.argv.includes('--kafka') && !process.env.KAFKA_BROKERS) {
  const line = execFileSync('bash', [join(root, 'infra', 'kafka', 'start.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  process.env.KAFKA_BROKERS = line.slice(line.indexOf('=') + 1);
}
if (process.env.KAFKA_BROKERS) process.stderr.write(`transport: Kafka at ${process.env.KAFKA_BROKERS}\n`);

const host = process.env.HOST ?? '127.0.0.1';
for (const service of services) {
  const main = join(root, 'dist', 'apps', `${service.name}-service`, 'src', 'main.js');
  if (!existsSync(main)) continue;
  const child = spawn(process.execPath, ['--enable-source-maps', ...(nodeFlags[service.name] ?? []), main], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  children.set(service.name, child);
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (stopping) return;
    process.stderr.write(`${service.name} service exited (${signal ?? code}); stopping the others\n`);
    // A configuration error (78) is found at start-up by every service alike: give the others a
    // moment to name theirs too, so one run shows every variable to fix.
    const exitCode = typeof code === 'number' && code !== 0 ? code : 1;
    if (code === 78) setTimeout(() => stopAll(exitCode), 1500);
    else stopAll(exitCode);
  });
}

// Each service is announced once it answers /health (a port of 0 is any free one: the service's
// own log line says which).
const url = (service) => `http://${host}:${process.env[service.port] ?? service.default}`;
const ready = async (service) => {
  for (;;) {
    if (stopping || !children.has(service.name)) return false;
    const answered = await fetch(`${url(service)}/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (answered) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
};
process.stderr.write(`starting Quotient (data in ${resolve(process.env.DATA_DIR ?? './data')}) — Ctrl-C stops everything\n`);
const started = services.filter((service) => children.has(service.name) && (process.env[service.port] ?? service.default) !== '0');
const answered = await Promise.all(
  started.map(async (service) => {
    const ok = await ready(service);
    if (ok) process.stderr.write(`${service.name.padEnd(10)} ${url(service)}  (docs: /docs)\n`);
    return ok;
  }),
);
if (answered.every(Boolean) && !stopping) {
  const projection = started.find((service) => service.name === 'projection');
  process.stderr.write(`Quotient is ready${projection ? `: the dashboard is at ${url(projection)}/` : ''}\n`);
}
