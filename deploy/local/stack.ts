import { KAFKA_PROCESS, kafkaAnswersMetadata, kafkaProcessStatus } from './kafka-broker';
import { logStep, seconds } from './log';
import {
  listProcesses,
  processStatus,
  stopProcess,
  type ProcessStatus,
  type StopResult,
} from './processes';
import { stackConfig, type StackConfig } from './stack-config';
import { systemUp, up } from './system';

export { up, type StackUp } from './system';
export { stackConfig, StackConfigError, type StackConfig } from './stack-config';
export {
  ensureKafkaJars,
  startKafka,
  stopKafka,
  kafkaAnswersMetadata,
  waitForKafka,
  renderServerProperties,
  newClusterId,
  type KafkaStart,
} from './kafka-broker';
export { ensureTopics, type TopicsReport } from './kafka-topics';
export {
  startProcess,
  stopProcess,
  processStatus,
  listProcesses,
  ProcessStartError,
  type ProcessSpec,
  type ProcessStatus,
  type StartedProcess,
  type StopResult,
} from './processes';

export interface KafkaStatus {
  brokers: string;
  /** Set when KAFKA_BROKERS points at a broker this stack does not run. */
  external: boolean;
  process: ProcessStatus;
  answersMetadata: boolean;
}

export interface StackStatus {
  name: string;
  stateDir: string;
  kafka: KafkaStatus;
  services: ProcessStatus[];
}

/** Stops services first, the broker last, and checks that nothing this stack started survived. */
export async function stopAll(config: StackConfig = stackConfig()): Promise<StopResult[]> {
  const options = { stateDir: config.stateDir };
  const names = listProcesses(options);
  const services = names.filter((name) => name !== KAFKA_PROCESS);
  // A service that cannot be stopped must not keep the broker running too: settle, then go on.
  const settled = await Promise.allSettled(services.map((name) => stopProcess(name, options)));
  if (names.includes(KAFKA_PROCESS)) {
    settled.push(...(await Promise.allSettled([stopProcess(KAFKA_PROCESS, options)])));
  }
  const results: StopResult[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') results.push(outcome.value);
    else logStep(`stack ${config.name}`, String(outcome.reason));
  }
  results.forEach(reportStop);

  const survivors = listProcesses(options).filter(
    (name) => processStatus(name, options).state === 'running',
  );
  if (survivors.length > 0) {
    throw new Error(`stack ${config.name}: still running after down: ${survivors.join(', ')}`);
  }
  if (!results.some((result) => result.outcome === 'stopped' || result.outcome === 'killed')) {
    logStep(`stack ${config.name}`, 'nothing was running');
  }
  return results;
}

export async function status(config: StackConfig = stackConfig()): Promise<StackStatus> {
  const options = { stateDir: config.stateDir };
  const services = listProcesses(options)
    .filter((name) => name !== KAFKA_PROCESS)
    .map((name) => processStatus(name, options));
  return {
    name: config.name,
    stateDir: config.stateDir,
    kafka: {
      brokers: config.brokers,
      external: config.externalBrokers !== null,
      process: kafkaProcessStatus(config),
      answersMetadata: await kafkaAnswersMetadata(config.brokers),
    },
    services,
  };
}

export function formatStatus(stack: StackStatus): string {
  const kafka = stack.kafka;
  const metadata = `metadata ${kafka.answersMetadata ? 'ok' : 'not answering'}`;
  const kafkaLine = kafka.external
    ? `  kafka    external ${kafka.brokers}  ${metadata}`
    : `  ${describeProcess(kafka.process)}  ${metadata}`;
  return [
    `stack ${stack.name} (${stack.stateDir})`,
    kafkaLine,
    ...stack.services.map((service) => `  ${describeProcess(service)}`),
  ].join('\n');
}

function describeProcess(process: ProcessStatus): string {
  const name = process.name.padEnd(8);
  if (process.state === 'stopped') {
    return `${name} stopped${process.stalePidFile ? ` (stale pid file: pid ${process.pid} is gone)` : ''}`;
  }
  const ports = process.ports.length > 0 ? `  port ${process.ports.join(', ')}` : '';
  return `${name} running  pid ${process.pid}${ports}`;
}

function reportStop(result: StopResult): void {
  switch (result.outcome) {
    case 'stopped':
      logStep(result.name, `stopped in ${seconds(result.tookMs)} (pid ${result.pid})`);
      break;
    case 'killed':
      logStep(
        result.name,
        `killed with SIGKILL after ${seconds(result.tookMs)} (pid ${result.pid})`,
      );
      break;
    case 'stale':
      logStep(result.name, `was not running; removed stale pid file (pid ${result.pid})`);
      break;
    case 'not-running':
      break;
  }
}

async function main(argv: string[]): Promise<number> {
  const config = stackConfig();
  switch (argv[0]) {
    case 'up': {
      const system = await systemUp(config);
      process.stdout.write(
        [
          `KAFKA_BROKERS=${system.brokers}`,
          `DATABASE_URL=${system.databaseUrl}`,
          ...system.services.map(
            (s) => `${s.name}: ${s.url}  (docs ${s.url}/docs, metrics ${s.url}/metrics)`,
          ),
        ].join('\n') + '\n',
      );
      return 0;
    }
    case 'kafka':
      process.stdout.write(`KAFKA_BROKERS=${(await up(config)).brokers}\n`);
      return 0;
    case 'down':
      await stopAll(config);
      return 0;
    case 'status':
      process.stdout.write(`${formatStatus(await status(config))}\n`);
      return 0;
    default:
      process.stderr.write('usage: stack.js up | kafka | down | status\n');
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
