import { execFileSync } from 'node:child_process';

export type ServerKind = 'kafka' | 'mongo' | 'eventstore';

interface ServerSpec {
  readonly variable: string;
  readonly image: string;
  readonly port: number;
  readonly url: (host: string, port: number) => string;
  readonly environment?: Record<string, string>;
  /** Whether CI may run without it (only EventStoreDB: no server can be had without Docker). */
  readonly optionalInCi: boolean;
}

const SPECS: Record<ServerKind, ServerSpec> = {
  kafka: { variable: 'KAFKA_BROKERS', image: 'apache/kafka:4.1.0', port: 9092, url: (h, p) => `${h}:${p}`, optionalInCi: false },
  mongo: { variable: 'MONGO_URL', image: 'mongo:8', port: 27017, url: (h, p) => `mongodb://${h}:${p}`, optionalInCi: false },
  eventstore: {
    variable: 'EVENTSTORE_URL',
    image: 'docker.kurrent.io/kurrent-latest/kurrentdb:25.1',
    port: 2113,
    url: (h, p) => `esdb://${h}:${p}?tls=false`,
    environment: { KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_MEM_DB: 'true' },
    optionalInCi: true,
  },
};

export type ServerAvailability =
  | { readonly available: true; readonly url: string; readonly stop: () => Promise<void>; readonly origin: 'environment' | 'testcontainers' }
  | { readonly available: false; readonly reason: string };

const dockerReachable = (): boolean => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};

/**
 * Finds a real server for an integration suite: from its environment variable, else a
 * testcontainer when Docker is reachable, else not available (with the reason). With CI=true a
 * missing Kafka or MongoDB is an error, never a skip.
 */
export const findServer = async (kind: ServerKind): Promise<ServerAvailability> => {
  const spec = SPECS[kind];
  const fromEnv = process.env[spec.variable];
  if (fromEnv) return { available: true, url: fromEnv, stop: async () => undefined, origin: 'environment' };
  if (dockerReachable()) {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer(spec.image)
      .withExposedPorts(spec.port)
      .withEnvironment(spec.environment ?? {})
      .start();
    return {
      available: true,
      url: spec.url(container.getHost(), container.getMappedPort(spec.port)),
      stop: async () => void (await container.stop()),
      origin: 'testcontainers',
    };
  }
  const reason = `${spec.variable} is not set and no Docker engine is reachable for testcontainers`;
  if (process.env.CI === 'true' && !spec.optionalInCi) {
    throw new Error(`${kind} server required in CI: ${reason} (.ci/run starts it from infra/)`);
  }
  return { available: false, reason };
};

/**
 * `describe` that runs against a real server, or prints why it is skipped. The suite receives
 * a getter for the server's URL.
 */
export const describeWithServer = (kind: ServerKind, title: string, suite: (url: () => string) => void) => {
  const availability = findServerSync(kind);
  if (!availability.ok) {
    describe(title, () => {
      it.skip(`skipped: ${availability.reason}`, () => undefined);
    });
    process.stdout.write(`[skip] ${title}: ${availability.reason}\n`);
    return;
  }
  describe(title, () => {
    let server: Extract<ServerAvailability, { available: true }>;
    beforeAll(async () => {
      const found = await findServer(kind);
      if (!found.available) throw new Error(found.reason);
      server = found;
    }, 180_000);
    afterAll(() => server?.stop());
    suite(() => server.url);
  });
};

/** Decides at collection time (synchronously) whether a suite can run at all. */
const findServerSync = (kind: ServerKind): { ok: true } | { ok: false; reason: string } => {
  const spec = SPECS[kind];
  if (process.env[spec.variable]) return { ok: true };
  if (dockerReachable()) return { ok: true };
  const reason = `${spec.variable} is not set and no Docker engine is reachable for testcontainers`;
  if (process.env.CI === 'true' && !spec.optionalInCi) throw new Error(`${kind} server required in CI: ${reason}`);
  return { ok: false, reason };
};
