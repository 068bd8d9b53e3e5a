import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(__dirname, '../../../../..');
const SCRIPTS = join(REPO, 'infra/kafka');

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
};

/** Why no private broker can be started here, or null when it can. */
export const privateBrokerUnavailable = (): string | null => {
  if (!existsSync(join(SCRIPTS, 'start.sh')) || !existsSync(join(SCRIPTS, 'stop.sh'))) return 'infra/kafka/start.sh and stop.sh are not in this checkout';
  const java = process.env.JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java');
  if (spawnSync(java, ['-version'], { stdio: 'ignore' }).status !== 0) return 'no Java to run a private Kafka broker';
  return null;
};

/**
 * A broker of our own, started with infra/kafka's scripts on free ports in a private state
 * folder, so a test may stop and restart it without disturbing the shared broker other suites
 * (and other people) are using. The jars are hard-linked from the shared broker's cache when
 * there is one, so no Maven run is needed.
 */
export class PrivateBroker {
  private readonly dir = join(REPO, '.infra', `test-broker-${process.pid}-${Date.now().toString(36)}`);
  private env: NodeJS.ProcessEnv = {};
  brokers = '';

  async start(): Promise<string> {
    if (!this.brokers) await this.prepare();
    const { stdout } = await run('bash', [join(SCRIPTS, 'start.sh')], { env: this.env, timeout: 170_000 });
    const line = stdout.split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
    if (!line) throw new Error(`infra/kafka/start.sh printed no KAFKA_BROKERS line: ${stdout}`);
    this.brokers = line.slice('KAFKA_BROKERS='.length).trim();
    return this.brokers;
  }

  async stop(): Promise<void> {
    await run('bash', [join(SCRIPTS, 'stop.sh')], { env: this.env, timeout: 60_000 });
  }

  async dispose(): Promise<void> {
    if (existsSync(this.dir)) await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async prepare(): Promise<void> {
    const shared = join(resolve(REPO, process.env.QUOTIENT_INFRA_DIR ?? '.infra'), 'kafka/lib');
    mkdirSync(join(this.dir, 'kafka'), { recursive: true });
    if (existsSync(join(shared, '.complete'))) {
      const copy = spawnSync('cp', ['-al', shared, join(this.dir, 'kafka/lib')]);
      if (copy.status !== 0) spawnSync('cp', ['-r', shared, join(this.dir, 'kafka/lib')]);
    }
    const port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    this.env = { ...process.env, QUOTIENT_INFRA_DIR: this.dir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort), KAFKA_PARTITIONS: '4' };
    delete this.env.KAFKA_FRESH;
  }
}
