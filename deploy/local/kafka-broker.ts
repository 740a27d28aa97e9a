import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logLevel } from 'kafkajs';
import { createKafka } from '@rangefinder/messaging';
import { logStep, since, sleep } from './log';
import {
  processStatus,
  startProcess,
  stopProcess,
  withStateLock,
  type StopResult,
} from './processes';
import { KAFKA_VERSION, stackConfig, type StackConfig } from './stack-config';

export const KAFKA_PROCESS = 'kafka';
const READY_TIMEOUT_MS = 90_000;
const JARS_MARKER = '.rangefinder-complete';

export interface KafkaStart {
  brokers: string;
  /** False when the broker was external or already running: whoever called must not stop it. */
  startedHere: boolean;
}

export interface BrokerSettings {
  port: number;
  controllerPort: number;
  dataDir: string;
}

export interface KafkaPaths {
  configDir: string;
  serverProperties: string;
  log4jProperties: string;
  dataDir: string;
}

export function kafkaPaths(config: StackConfig): KafkaPaths {
  const configDir = join(config.stateDir, 'kafka');
  return {
    configDir,
    serverProperties: join(configDir, 'server.properties'),
    log4jProperties: join(configDir, 'log4j.properties'),
    dataDir: join(configDir, 'data'),
  };
}

export function kafkaLibsDir(config: StackConfig): string {
  return join(config.cacheDir, `kafka-${KAFKA_VERSION}`, 'libs');
}

/** Starts the stack's broker (or adopts KAFKA_BROKERS / a running one) and waits until it answers metadata. */
export async function startKafka(config: StackConfig = stackConfig()): Promise<KafkaStart> {
  if (config.externalBrokers) {
    const startedAt = Date.now();
    await waitForKafka(config.externalBrokers, READY_TIMEOUT_MS);
    logStep('kafka', `using KAFKA_BROKERS=${config.externalBrokers}, ready in ${since(startedAt)}`);
    return { brokers: config.externalBrokers, startedHere: false };
  }
  const libsDir = await ensureKafkaJars(config);
  const paths = await withStateLock(config.stateDir, 'kafka-storage', 120_000, async () => {
    const prepared = prepareBrokerState(config);
    await formatStorageOnce(libsDir, prepared);
    return prepared;
  });
  const started = await startProcess(
    {
      name: KAFKA_PROCESS,
      command: 'java',
      args: brokerJvmArgs(libsDir, paths),
      ports: [config.kafkaPort, config.kafkaControllerPort],
      endpoint: config.brokers,
      readyCheck: () => kafkaAnswersMetadata(config.brokers),
      readyTimeoutMs: READY_TIMEOUT_MS,
    },
    { stateDir: config.stateDir },
  );
  return { brokers: config.brokers, startedHere: !started.alreadyRunning };
}

export async function stopKafka(config: StackConfig = stackConfig()): Promise<StopResult> {
  return stopProcess(KAFKA_PROCESS, { stateDir: config.stateDir });
}

export function kafkaProcessStatus(config: StackConfig = stackConfig()) {
  return processStatus(KAFKA_PROCESS, { stateDir: config.stateDir });
}

/**
 * Resolves the broker's jars from Maven Central once per machine. The marker is written
 * inside a scratch directory that is renamed into place, so an interrupted run leaves
 * no directory that looks complete.
 */
export async function ensureKafkaJars(config: StackConfig = stackConfig()): Promise<string> {
  const libsDir = kafkaLibsDir(config);
  if (existsSync(join(libsDir, JARS_MARKER))) return libsDir;

  const versionDir = join(config.cacheDir, `kafka-${KAFKA_VERSION}`);
  mkdirSync(versionDir, { recursive: true });
  removeAbandonedDownloads(versionDir);
  const scratch = join(versionDir, `libs.partial-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });

  const startedAt = Date.now();
  logStep(
    'kafka',
    `resolving Apache Kafka ${KAFKA_VERSION} jars with Maven into ${libsDir} (first run only)`,
  );
  const pom = join(config.repoRoot, 'deploy', 'local', 'kafka', 'pom.xml');
  await run('mvn', [
    '-q',
    '-B',
    '-f',
    pom,
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${scratch}`,
  ]);
  const jars = readdirSync(scratch).filter((file) => file.endsWith('.jar'));
  if (!jars.some((jar) => jar.startsWith('kafka_2.13-'))) {
    throw new Error(`kafka: Maven finished but ${scratch} holds no kafka_2.13 jar`);
  }
  writeFileSync(
    join(scratch, JARS_MARKER),
    `${JSON.stringify({ version: KAFKA_VERSION, jars: jars.length, resolvedAt: new Date().toISOString() })}\n`,
  );
  publishDirectory(scratch, libsDir);
  logStep('kafka', `${jars.length} jars resolved in ${since(startedAt)}`);
  return libsDir;
}

/** Answers whether a metadata request succeeds: an open port is not readiness. */
export async function kafkaAnswersMetadata(brokers: string): Promise<boolean> {
  const admin = createKafka(
    { brokers, clientId: 'rangefinder-stack-probe', connectionTimeoutMs: 2_000 },
    { retry: { retries: 0 }, logLevel: logLevel.NOTHING },
  ).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function waitForKafka(brokers: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await kafkaAnswersMetadata(brokers))) {
    if (Date.now() >= deadline) {
      throw new Error(
        `kafka: ${brokers} did not answer a metadata request within ${timeoutMs / 1000}s`,
      );
    }
    await sleep(500);
  }
}

export function renderServerProperties(settings: BrokerSettings): string {
  const { port, controllerPort, dataDir } = settings;
  const properties: Array<[string, string | number]> = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@127.0.0.1:${controllerPort}`],
    ['listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${port}`],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT'],
    ['log.dirs', dataDir],
    // Topics are created explicitly with their own counts; this only applies if one slips through.
    ['num.partitions', 6],
    ['auto.create.topics.enable', 'false'],
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['group.initial.rebalance.delay.ms', 0],
    // After a crash the restarted broker cannot register until its old session expires
    // (default 9 s); a short session makes `up` after kill -9 almost as fast as a clean start.
    ['broker.heartbeat.interval.ms', 1_000],
    ['broker.session.timeout.ms', 3_000],
    // Default is 128 MiB of heap; must stay above 1 MiB.
    ['log.cleaner.dedupe.buffer.size', 16_777_216],
  ];
  const body = properties.map(([key, value]) => `${key}=${escapePropertyValue(String(value))}`);
  return `# Generated by deploy/local/kafka-broker.ts on every start; edits are overwritten.\n${body.join('\n')}\n`;
}

export function renderLog4jProperties(): string {
  return [
    '# Generated by deploy/local/kafka-broker.ts. stdout goes to the broker log in logs/kafka.log.',
    'log4j.rootLogger=INFO, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka=INFO',
    'log4j.logger.org.apache.kafka=INFO',
    // Per-request, per-partition and config-dump chatter that buries the lines that matter.
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.kafka.server.KafkaConfig=WARN',
    'log4j.logger.kafka.cluster.Partition=WARN',
    'log4j.logger.kafka.server.ReplicaFetcherManager=WARN',
    'log4j.logger.kafka.server.ReplicaAlterLogDirsManager=WARN',
    'log4j.logger.kafka.server.ClientQuotaManager$ThrottledChannelReaper=WARN',
    'log4j.logger.kafka.server.DelayedOperationPurgatory$ExpiredOperationReaper=WARN',
    'log4j.logger.kafka.server.NodeToControllerRequestThread=WARN',
    'log4j.logger.org.apache.zookeeper=WARN',
    'log4j.logger.kafka.controller=WARN',
    'log4j.logger.kafka.log.LogCleaner=WARN',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.kafka.authorizer.logger=WARN',
    'log4j.logger.kafka.log=WARN',
    'log4j.logger.kafka.coordinator=WARN',
    'log4j.logger.org.apache.kafka.storage=WARN',
    'log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN',
    'log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN',
    'log4j.logger.org.apache.kafka.clients=WARN',
    'log4j.logger.org.apache.kafka.image=WARN',
    'log4j.logger.org.apache.kafka.metadata=WARN',
    'log4j.logger.org.apache.kafka.raft=WARN',
    'log4j.logger.org.apache.kafka.controller=WARN',
    'log4j.logger.org.apache.kafka.coordinator=WARN',
    '',
  ].join('\n');
}

/** 16 random bytes, URL-safe base64 without padding; Kafka rejects ids starting with '-'. */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function prepareBrokerState(config: StackConfig): KafkaPaths {
  const paths = kafkaPaths(config);
  mkdirSync(paths.dataDir, { recursive: true });
  writeFileSync(
    paths.serverProperties,
    renderServerProperties({
      port: config.kafkaPort,
      controllerPort: config.kafkaControllerPort,
      dataDir: paths.dataDir,
    }),
  );
  writeFileSync(paths.log4jProperties, renderLog4jProperties());
  return paths;
}

async function formatStorageOnce(libsDir: string, paths: KafkaPaths): Promise<void> {
  if (existsSync(join(paths.dataDir, 'meta.properties'))) return;
  const startedAt = Date.now();
  const clusterId = newClusterId();
  await run('java', [
    `-Dlog4j.configuration=file:${paths.log4jProperties}`,
    '-cp',
    join(libsDir, '*'),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    paths.serverProperties,
  ]);
  logStep('kafka', `storage formatted (cluster ${clusterId}) in ${since(startedAt)}`);
}

export function brokerJvmArgs(libsDir: string, paths: KafkaPaths): string[] {
  return [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${paths.log4jProperties}`,
    // The JVM expands the trailing '*' itself; no shell is involved.
    '-cp',
    join(libsDir, '*'),
    'kafka.Kafka',
    paths.serverProperties,
  ];
}

function removeAbandonedDownloads(versionDir: string): void {
  for (const entry of readdirSync(versionDir)) {
    const match = /^libs\.partial-(\d+)$/.exec(entry);
    if (match && !pidAlive(Number(match[1]))) {
      rmSync(join(versionDir, entry), { recursive: true, force: true });
    }
  }
}

function publishDirectory(scratch: string, target: string): void {
  if (existsSync(target) && !existsSync(join(target, JARS_MARKER))) {
    rmSync(target, { recursive: true, force: true });
  }
  try {
    renameSync(scratch, target);
  } catch (error) {
    // Another launcher finished the same download first; theirs is as good as ours.
    if (!existsSync(join(target, JARS_MARKER))) throw error;
    rmSync(scratch, { recursive: true, force: true });
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-40).join('\n');
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `'${command}' is not installed or not on PATH`
          : `${command} ${args.slice(0, 6).join(' ')} … failed: ${error.message.split('\n')[0]}`;
      reject(new Error(`kafka: ${reason}${output ? `\n${output}` : ''}`));
    });
  });
}

function escapePropertyValue(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
