import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Type } from '@nestjs/common';
import { CONTEXTS } from '@quotient/contracts';
import { buildOpenApiDocument, createHttpApp, createLogger, problem, sendProblem } from '@quotient/http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mongoReadModelVersions } from '@quotient/infra-mongodb';
import { sqliteProjectionSource, sqliteReadModelVersions } from '@quotient/infra-sqlite';
import { metricCatalogue, metricFolds } from '@quotient/metrics';
import { ProjectionService } from '@quotient/projection';
import { ProjectionApiModule, projectionRoutes } from '@quotient/projection-api';
import { asOfThread } from './as-of-thread';
import { storePathOf } from './command-service';
import { kafkaClientFrom, kafkaProjectionWiring } from './kafka-wiring';
import { metricsConfigOf, readProjectionConfig } from './projection-config';

const VERSION = '0.1.0';

export interface ProjectionServiceExtras {
  /** Extra controllers (the dashboard). */
  readonly controllers?: readonly Type[];
}

/** Composition root of the projection service on the embedded default. */
export const startProjectionService = async (env: NodeJS.ProcessEnv = process.env, extras: ProjectionServiceExtras = {}) => {
  const config = readProjectionConfig(env);
  const logger = createLogger('projection-service', config.LOG_LEVEL);
  const metricsConfig = metricsConfigOf(config);
  const kafka = kafkaClientFrom(env, logger);
  const viaKafka = kafka ? kafkaProjectionWiring(kafka, env, config.DATA_DIR) : null;
  const sources = viaKafka?.sources ?? CONTEXTS.map((context) => sqliteProjectionSource(context, storePathOf(config.DATA_DIR, context)));
  // MONGO_URL switches the read models to MongoDB; unset keeps them in a SQLite file.
  const mongo = config.MONGO_URL ? await mongoReadModelVersions(config.MONGO_URL) : null;
  const versions = mongo ?? sqliteReadModelVersions(resolve(join(config.DATA_DIR, 'projection')));
  const projection = new ProjectionService({
    versions,
    sources,
    catalogue: metricCatalogue,
    folds: metricFolds,
    config: metricsConfig,
    batchSize: config.PROJECTION_BATCH_SIZE,
    catchUpCommitEvents: config.PROJECTION_CATCHUP_COMMIT_EVENTS,
    // Replays for `asOf` on a thread of their own, over the services' stores (embedded) or audit endpoints (Kafka).
    asOf: asOfThread(
      viaKafka?.history ?? CONTEXTS.map((context) => ({ name: context, sqlitePath: storePathOf(config.DATA_DIR, context) })),
      metricsConfig,
      config.ASOF_CACHE_EVENTS,
      config.ASOF_HEAP_MB,
    ),
    onLive: viaKafka?.onLive,
    onChanges: viaKafka?.onChanges,
  });
  const module = ProjectionApiModule.forRoot({ projection, catalogue: metricCatalogue, config: metricsConfig, baseCurrency: config.BASE_CURRENCY, serviceVersion: VERSION, controllers: extras.controllers });
  const app = await createHttpApp({ module, logger, openApi: buildOpenApiDocument('Quotient projection service', VERSION, projectionRoutes) });
  // It listens before it has loaded its read models (seconds over a large history, in slices): a
  // health check then tells "starting" (503) from "down" (refused), and nothing else is served yet.
  let ready = false;
  answerStartingUntil(app, () => ready);
  await app.listen(config.PROJECTION_PORT, config.HOST);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  const loading = Date.now();
  try {
    await projection.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  ready = true;
  logger.info(
    { url, readModelVersion: projection.version, loadedInMs: Date.now() - loading, readModels: config.MONGO_URL ? 'mongodb' : 'sqlite', transport: kafka ? `kafka ${env.KAFKA_BROKERS}` : 'embedded' },
    'projection service ready',
  );

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await projection.stop();
      await viaKafka?.stop();
      await mongo?.close();
      logger.info('projection service stopped');
    })());
  return { app, projection, url, port, stop, logger };
};

/**
 * Until `isReady`, every request that needs the read models is answered 503: /health with `status:
 * starting`, the rest with a problem saying so.
 */
export const answerStartingUntil = (app: NestFastifyApplication, isReady: () => boolean): void => {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      if (isReady()) return;
      // The dashboard's page and assets, and the API documents, need no read model: the page
      // says that it is starting and retries.
      const path = request.url.split('?')[0];
      if (path === '/' || path.startsWith('/assets/') || path.startsWith('/docs')) return;
      void reply.status(503).header('retry-after', '1');
      if (path === '/health') return reply.send({ status: 'starting', service: 'projection', detail: 'loading the read models' });
      return sendProblem(request, reply, problem(503, 'starting', 'the projection is starting: it is loading its read models; retry in a moment'));
    });
};

export type RunningProjectionService = Awaited<ReturnType<typeof startProjectionService>>;
