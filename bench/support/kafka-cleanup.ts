import { Kafka, logLevel } from 'kafkajs';

/**
 * Deletes the topics a benchmark created under its namespace (`<namespace>.quotient.*`), so runs
 * do not pile partitions up on the developer's broker (a day of runs left 1,600 of them). A
 * failure is reported, not thrown: the figures are already printed.
 */
export const deleteBenchTopics = async (brokers: readonly string[], namespace: string): Promise<void> => {
  const admin = new Kafka({ brokers: [...brokers], clientId: `${namespace}-cleanup`, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } catch (error) {
    process.stderr.write(`  (could not delete the benchmark's topics ${namespace}.*: ${error instanceof Error ? error.message : String(error)})\n`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};
