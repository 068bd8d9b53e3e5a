#!/usr/bin/env node
// Smoke check of the local broker with the project's client (kafkajs): admin (create/list/describe/delete
// topics, group offsets), plain and idempotent producers, a transaction, auto-created topics, a consumer group
// that commits offsets and resumes from them after a restart.
//
//   node infra/kafka/smoke.cjs            (broker from KAFKA_BROKERS, default 127.0.0.1:9092)
//
// Run from the repository so that kafkajs resolves from its node_modules. Exit code 0 = all checks passed.
'use strict';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const run = `smoke-${process.pid}-${Date.now()}`;
const kafka = new Kafka({
  clientId: 'quotient-infra-smoke',
  brokers,
  logLevel: process.env.KAFKAJS_LOG === 'debug' ? logLevel.DEBUG : logLevel.WARN,
  retry: { retries: 5 },
});

let last = Date.now();
function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
  const now = Date.now();
  console.log(`ok - ${what} (+${now - last} ms)`);
  last = now;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Consumes until `want` messages arrived (or timeout), committing as it goes; returns the values.
async function consume(groupId, topic, want, timeoutMs = 30000) {
  // maxWaitTimeInMs: a fetch long-polls that long when there is nothing to read, and disconnect() waits for the
  // fetch in flight, so kafkajs' default (5000 ms) makes every consumer shutdown take ~5 s.
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000, maxWaitTimeInMs: 250 });
  const got = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let joinedAt = 0;
  const started = Date.now();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt = Date.now();
  });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 100,
    eachMessage: async ({ message }) => {
      got.push(message.value.toString());
    },
  });
  while (got.length < want && Date.now() - started < timeoutMs) await sleep(100);
  // leave time for the last auto-commit, then disconnect (which commits as well)
  await sleep(300);
  await consumer.disconnect();
  return { got, joinMs: joinedAt ? joinedAt - started : -1 };
}

async function main() {
  const t0 = Date.now();
  const admin = kafka.admin();
  await admin.connect();
  const cluster = await admin.describeCluster();
  check(cluster.brokers.length === 1, `describeCluster: one broker ${cluster.brokers[0].host}:${cluster.brokers[0].port}, controller ${cluster.controller}`);

  const topic = `${run}-events`;
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
  });
  check(created === true, `createTopics ${topic} (3 partitions)`);
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  check(meta.topics[0].partitions.length === 3, 'fetchTopicMetadata shows 3 partitions');
  check((await admin.listTopics()).includes(topic), 'listTopics includes it');

  // plain producer
  const producer = kafka.producer();
  await producer.connect();
  const batch1 = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 5}`, value: `a${i}` }));
  const res = await producer.send({ topic, messages: batch1 });
  check(res.length >= 1 && res.every((r) => r.errorCode === 0), `produced ${batch1.length} messages`);

  // auto-created topic (auto.create.topics.enable=true on the broker, allowAutoTopicCreation default in kafkajs)
  const autoTopic = `${run}-auto`;
  let autoOk = false;
  for (let attempt = 1; attempt <= 10 && !autoOk; attempt++) {
    try {
      await producer.send({ topic: autoTopic, messages: [{ value: 'x' }] });
      autoOk = true;
    } catch (e) {
      console.log(`  (auto-create attempt ${attempt}: ${e.message})`);
      await sleep(500);
    }
  }
  check(autoOk, `send to a missing topic auto-creates it`);
  const autoMeta = await admin.fetchTopicMetadata({ topics: [autoTopic] });
  check(autoMeta.topics[0].partitions.length >= 1, `auto-created topic has ${autoMeta.topics[0].partitions.length} partitions (num.partitions)`);
  await producer.disconnect();

  // consumer group: reads everything, commits
  const group = `${run}-group`;
  const first = await consume(group, topic, batch1.length);
  check(first.got.length === batch1.length, `consumer group read ${first.got.length}/${batch1.length} (group join after ${first.joinMs} ms)`);
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  const committed = offsets[0].partitions.reduce((s, p) => s + Number(p.offset), 0);
  check(committed === batch1.length, `committed offsets sum to ${committed}`);

  // idempotent producer + a transaction
  const txProducer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    transactionalId: `${run}-tx`,
  });
  await txProducer.connect();
  const tx = await txProducer.transaction();
  await tx.send({ topic, messages: [{ key: 'tx', value: 'b0' }, { key: 'tx', value: 'b1' }] });
  await tx.commit();
  await txProducer.disconnect();
  check(true, 'transactional producer committed 2 messages');

  // restart of the same group resumes after the committed offsets
  const second = await consume(group, topic, 2);
  check(
    second.got.length === 2 && second.got.every((v) => v.startsWith('b')),
    `same group resumed from committed offsets and read only the 2 new messages [${second.got.join(',')}]`,
  );

  const groups = await admin.listGroups();
  check(groups.groups.some((g) => g.groupId === group), 'listGroups includes the group');
  const described = await admin.describeGroups([group]);
  check(described.groups[0].state === 'Empty', `describeGroups: state ${described.groups[0].state}`);

  await admin.deleteGroups([group]);
  await admin.deleteTopics({ topics: [topic, autoTopic] });
  check(true, 'deleteGroups and deleteTopics');
  await admin.disconnect();
  console.log(`kafka smoke passed against ${brokers.join(',')} in ${Date.now() - t0} ms`);
}

const timer = setTimeout(() => {
  console.error('kafka smoke: timed out after 120 s');
  process.exit(1);
}, 120000);
timer.unref();

main().then(
  () => process.exit(0),
  (err) => {
    console.error('kafka smoke FAILED:', err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
