import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Type } from '@nestjs/common';
import type { EventStore } from '@quotient/eventsourcing';
import { buildOpenApiDocument, CommandServiceModule, createHttpApp, createLogger, RouteDoc } from '@quotient/http';
import { EventStoreDbCheckpointStore, EventStoreDbEventStore, EventStoreDbSubscription, openEventStoreDb } from '@quotient/infra-eventstoredb';
import { openSqliteEventStore } from '@quotient/infra-sqlite';
import { systemClock } from '@quotient/kernel';

import { z } from 'zod';
import { CommonConfig, Port, readConfig } from './config';
import { kafkaClientFrom, RelayInput, sqliteRelayInput, startRelay } from './kafka-wiring';

export interface CommandServiceDefinition {
  /** deals | customers | costs | training */
  readonly name: string;
  readonly portVariable: string;
  readonly defaultPort: number;
  readonly controllers: readonly Type[];
  readonly routes: readonly RouteDoc[];
}

const VERSION = '0.1.0';

const EventStoreUrl = z.string().regex(/^esdb(\+discover)?:\/\/.+/, 'expected an EventStoreDB connection string such as esdb://127.0.0.1:2113?tls=false');

export const commandServiceConfig = (definition: CommandServiceDefinition, env: NodeJS.ProcessEnv = process.env) =>
  readConfig(CommonConfig.extend({ [definition.portVariable]: Port.default(definition.defaultPort), EVENTSTORE_URL: EventStoreUrl.optional() }), env) as CommonConfig &
    Record<string, number> & { EVENTSTORE_URL?: string };

/** The embedded default: one SQLite file per service under DATA_DIR. */
export const storePathOf = (dataDir: string, service: string): string => resolve(join(dataDir, `${service}.events.db`));

/** Composition root of a command service: config → store → Nest app → listen, and a clean stop. */
export const startCommandService = async (definition: CommandServiceDefinition, env: NodeJS.ProcessEnv = process.env) => {
  const config = commandServiceConfig(definition, env);
  const port = config[definition.portVariable];
  const logger = createLogger(`${definition.name}-service`, config.LOG_LEVEL);
  const storePath = storePathOf(config.DATA_DIR, definition.name);
  // EVENTSTORE_URL switches the event store to EventStoreDB; unset keeps the embedded SQLite file.
  const esdb = config.EVENTSTORE_URL ? await openEventStoreDb(config.EVENTSTORE_URL) : null;
  const streamPrefix = `${definition.name}.`;
  let relayInput: RelayInput;
  let store: EventStore;
  if (esdb) {
    store = new EventStoreDbEventStore(esdb, { streamPrefix });
    relayInput = { store, subscription: new EventStoreDbSubscription(esdb, { streamPrefix }), checkpoints: new EventStoreDbCheckpointStore(esdb, { streamPrefix }) };
  } else {
    const sqlite = openSqliteEventStore(storePath);
    store = sqlite;
    relayInput = sqliteRelayInput(sqlite, storePath);
  }
  const module = CommandServiceModule.forRoot({
    controllers: definition.controllers,
    store,
    clock: systemClock,
    info: { name: definition.name, baseCurrency: config.BASE_CURRENCY, version: VERSION },
  });
  const openApi = buildOpenApiDocument(`Quotient ${definition.name} service`, VERSION, definition.routes);
  const app = await createHttpApp({ module, logger, openApi });
  await app.listen(port, config.HOST);
  // Publishing never happens on the request path: a relay follows the store and publishes.
  const kafka = kafkaClientFrom(env, logger);
  const relay = kafka ? startRelay(kafka, relayInput, definition.name, logger) : null;
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.HOST}:${address.port}`;
  logger.info({ url, store: esdb ? config.EVENTSTORE_URL : storePath, transport: kafka ? `kafka ${env.KAFKA_BROKERS}` : 'embedded' }, `${definition.name} service listening`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await relay?.stop();
      await store.close();
      await esdb?.dispose();
      logger.info(`${definition.name} service stopped`);
    })());
  return { app, store, url, port: address.port, stop, logger };
};

export type RunningCommandService = Awaited<ReturnType<typeof startCommandService>>;

/** Stops cleanly on SIGINT/SIGTERM: no request is cut, every queued append is flushed. */
export const stopOnSignals = (stop: () => Promise<void>) => {
  const handler = (signal: NodeJS.Signals) => {
    void stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`error while stopping on ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
};


