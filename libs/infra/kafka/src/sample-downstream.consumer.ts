import { Controller, INestMicroservice, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, KafkaOptions, Payload, Transport } from '@nestjs/microservices';
import { MetricChanged, METRICS_CHANGED_TOPIC } from '@quotient/contracts';
import { Partitioners } from 'kafkajs';
import { dropNegativeTimeoutWarnings, type KafkaOptions as QuotientKafkaOptions } from './kafka-config';
import { defaultKafkaLogger, KafkaLogger, quietLogCreator } from './kafka-logging';

export interface SampleDownstreamOptions {
  readonly kafka: Pick<QuotientKafkaOptions, 'brokers' | 'clientId'>;
  readonly groupId: string;
  /** The MetricChanged topic (tests put it under a namespace). */
  readonly topic?: string;
  readonly logger?: KafkaLogger;
  /** What the sample does with each valid change; by default it logs it. */
  readonly onMetricChanged?: (change: MetricChanged) => void | Promise<void>;
  readonly maxWaitTimeInMs?: number;
}

/**
 * A minimal downstream system that reacts to metric changes, the Nest way. Nest's Kafka
 * transport fits here: a handler per message, each change validated on its own, and a lost
 * or repeated notification is harmless to a consumer that only reacts to the latest value.
 * (The projection itself needs commit-after-batch-write and uses kafkajs directly.)
 */
const metricChangesController = (topic: string, handle: (change: MetricChanged) => void | Promise<void>, logger: KafkaLogger): Type => {
  @Controller()
  class MetricChangesController {
    @EventPattern(topic)
    async onMetricChanged(@Payload() payload: unknown): Promise<void> {
      const parsed = MetricChanged.safeParse(payload);
      if (!parsed.success) {
        logger.warn({ component: 'sample-downstream', issues: parsed.error.issues }, 'ignored a message that is not a MetricChanged');
        return;
      }
      await handle(parsed.data);
    }
  }
  return MetricChangesController;
};

export const startSampleDownstreamConsumer = async (options: SampleDownstreamOptions): Promise<INestMicroservice> => {
  const logger = options.logger ?? defaultKafkaLogger();
  dropNegativeTimeoutWarnings(); // Nest's Kafka transport makes its own kafkajs client (see createKafka)
  const handle =
    options.onMetricChanged ??
    ((change: MetricChanged) => logger.info({ component: 'sample-downstream', change }, `${change.metric} ${change.scope} ${change.period}: ${change.previousValue} → ${change.value}`));

  @Module({ controllers: [metricChangesController(options.topic ?? METRICS_CHANGED_TOPIC, handle, logger)] })
  class SampleDownstreamModule {}

  const microservice = await NestFactory.createMicroservice<KafkaOptions>(SampleDownstreamModule, {
    transport: Transport.KAFKA,
    logger: ['error', 'warn'],
    options: {
      client: { clientId: `${options.kafka.clientId}-downstream`, brokers: [...options.kafka.brokers], logCreator: quietLogCreator(logger) },
      consumer: { groupId: options.groupId, maxWaitTimeInMs: options.maxWaitTimeInMs ?? 1000 },
      subscribe: { fromBeginning: true },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      postfixId: '',
    },
  });
  await microservice.listen();
  return microservice;
};
