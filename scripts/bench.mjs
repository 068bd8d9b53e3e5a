// Runs the benchmarks compiled from bench/*.bench.ts (scripts/build.mjs puts them in dist/bench),
// each in its own Node process so that no benchmark's memory or warm-up colours another's.
// `npm run bench` runs them all, `npm run bench -- rebuild asof-1m` only those. Each prints
// `<benchmark>: <value> <unit>` lines; this runner then prints the core count and the Node version.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const nodeFlags = JSON.parse(readFileSync(join(root, 'scripts', 'node-flags.json'), 'utf8'));
const IN_PROJECTION = ['rebuild', 'asof-1m'];
const dir = join(root, 'dist', 'bench');
if (!existsSync(dir)) {
  process.stderr.write('dist/bench is missing: build first (npm run bench builds before running)\n');
  process.exit(1);
}
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.js'))
  .map((file) => file.slice(0, -'.bench.js'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}

// The Kafka benchmarks run against a real broker: start the one from infra/ unless one is given.
const selected = wanted.length > 0 ? wanted : available;
// Only the kafka-* benchmarks see KAFKA_BROKERS: the others measure the embedded default.
const { KAFKA_BROKERS: givenBrokers, ...embeddedEnv } = process.env;
let brokers = givenBrokers;
if (selected.some((name) => name.startsWith('kafka-')) && !brokers) {
  const start = spawnSync('bash', [join(root, 'infra', 'kafka', 'start.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (start.status !== 0) {
    process.stderr.write('could not start Kafka from infra/kafka (Java 17 and Maven needed); the kafka-* benchmarks need KAFKA_BROKERS\n');
    process.exit(1);
  }
  const line = start.stdout.trim();
  brokers = line.slice(line.indexOf('=') + 1);
}

const failed = [];
for (const name of selected) {
  process.stderr.write(`${name} …\n`);
  const env = name.startsWith('kafka-') ? { ...embeddedEnv, KAFKA_BROKERS: brokers } : embeddedEnv;
  // kafkajs 2.2.4 sets negative timer delays (tulios/kafkajs#1751): the benchmarks' own Kafka
  // clients would print Node's TimeoutNegativeWarning (the services drop it themselves).
  // The rebuild and the asOf replays run in the projection service's process: with its V8 flags.
  const flags = IN_PROJECTION.includes(name) ? (nodeFlags.projection ?? []) : [];
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', ...flags, join(dir, `${name}.bench.js`)], { cwd: root, stdio: 'inherit', env });
  if (run.status !== 0) failed.push(name);
}
process.stdout.write(`cores: ${availableParallelism()}\n`);
process.stdout.write(`node: ${process.version}\n`);
// How fast this machine runs plain JavaScript right now (it is shared: the same code measured
// 15–30 % apart between hours, and twice as slow on some days): compare figures of different
// runs only with this in view. Best of three runs of a fixed loop; lower is faster.
const reference = () => {
  const started = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < 100_000_000; i++) sum += i % 7;
  if (sum < 0) throw new Error('unreachable');
  return Number(process.hrtime.bigint() - started) / 1e6;
};
process.stdout.write(`cpu-reference: ${Math.round(Math.min(reference(), reference(), reference()))} ms\n`);
// The projection's work is mostly memory traffic (maps of a million strings, objects that outlive
// the young generation), which slowed down on some days while the loop above did not: a million
// string keys into a Map, two million lookups, best of three; lower is faster.
const memoryReference = () => {
  const started = process.hrtime.bigint();
  const map = new Map();
  for (let i = 0; i < 1_000_000; i++) map.set(`key-${(i * 7919) % 1_000_003}`, { i, tag: `v${i & 1023}` });
  let hits = 0;
  for (let i = 0, x = 1; i < 2_000_000; i++) {
    x = (x * 48271) % 2147483647;
    if (map.has(`key-${x % 1_000_003}`)) hits++;
  }
  if (hits < 0) throw new Error('unreachable');
  return Number(process.hrtime.bigint() - started) / 1e6;
};
process.stdout.write(`memory-reference: ${Math.round(Math.min(memoryReference(), memoryReference(), memoryReference()))} ms\n`);
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
