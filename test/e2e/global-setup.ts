import { join } from 'node:path';

/** Global setup runs outside jest's module mapping, so it uses the build (`npm test` builds first). */
export function builtStack(): typeof import('../../deploy/local/stack') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(
    join(__dirname, '..', '..', 'dist', 'deploy', 'local', 'stack.js'),
  ) as typeof import('../../deploy/local/stack');
}

/**
 * Starts a real Kafka broker for the e2e project on its own ports (stack `test`), unless
 * KAFKA_BROKERS names one. Tests create their own namespaced topics and databases.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  process.env.RANGEFINDER_STACK ??= 'test';
  process.env.RANGEFINDER_KAFKA_PORT ??= '19092';
  process.env.RANGEFINDER_KAFKA_CONTROLLER_PORT ??= '19093';
  const { startKafka, stackConfig } = builtStack();
  const kafka = await startKafka(stackConfig());
  process.env.KAFKA_BROKERS = kafka.brokers;
  process.env.RANGEFINDER_E2E_STARTED_KAFKA = kafka.startedHere ? '1' : '';
}
