import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Topic, physicalTopic, topicSpecs } from '@rangefinder/contracts';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  runMigrations,
} from '@rangefinder/database';
import { createKafka } from '@rangefinder/messaging';
import { INGEST_MIGRATIONS } from '../../apps/ingest/src/migrations';
import { ensureTopics, stackConfig, startKafka, stopAll } from '../../deploy/local/stack';
import { seedCatalogue } from '../support/catalogue';
import { asMessage, realDatapoints } from '../support/datapoints';
import { REPO_ROOT, ServiceProcess } from '../support/ingest-process';
import { databaseUrl, log, sleep } from './bench-support';

/**
 * `npm run bench:ingest`: end-to-end ingest throughput on this machine — real broker, real
 * Postgres, the real service process — against the naive baseline (Nest's per-message
 * `@EventPattern` + one TypeORM `save()` per row) in the same run.
 */
const N = Number(process.env.BENCH_OBSERVATIONS ?? 200_000);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 30);
const TARGET_RATE = 20_000;
const TARGET_RATIO = 10;

async function prepareDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  await seedCatalogue(url);
  const dataSource = createDataSource({ url, schema: 'ingest', migrations: INGEST_MIGRATIONS });
  await dataSource.initialize();
  await runMigrations(dataSource, 'ingest');
  await dataSource.destroy();
}

interface Throughput {
  rows: number;
  seconds: number;
  rate: number;
}

/**
 * Polls the stored row count; the sustained rate runs from the first stored row to the moment
 * `done` holds (or the time box ends), so process start-up and group join are not counted.
 */
async function measure(
  url: string,
  done: (rows: number) => boolean,
  timeBoxSeconds = Infinity,
): Promise<Throughput> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const count = async () =>
    Number(
      (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest.observations')).rows[0]
        .n,
    );
  let first: { at: number; rows: number } | undefined;
  let last = { at: performance.now(), rows: 0 };
  try {
    for (
      const deadline = performance.now() + 900_000;
      performance.now() < deadline;
      await sleep(200)
    ) {
      last = { at: performance.now(), rows: await count() };
      if (!first && last.rows > 0) first = last;
      if (first && (done(last.rows) || (last.at - first.at) / 1000 >= timeBoxSeconds)) break;
    }
  } finally {
    await pg.end();
  }
  if (!first) throw new Error('nothing was stored');
  const seconds = (last.at - first.at) / 1000;
  return { rows: last.rows - first.rows, seconds, rate: (last.rows - first.rows) / seconds };
}

async function main(): Promise<void> {
  let startedKafka = false;
  const config = stackConfig({
    RANGEFINDER_STACK: 'bench',
    RANGEFINDER_KAFKA_PORT: '19192',
    RANGEFINDER_KAFKA_CONTROLLER_PORT: '19193',
    ...process.env,
  });
  const id = randomBytes(4).toString('hex');
  const namespace = `bench-${id}.`;
  const ours = databaseUrl(`rf_bench_${id}`);
  const naive = databaseUrl(`rf_bench_naive_${id}`);
  const logDir = join(REPO_ROOT, '.rangefinder', 'bench-logs');
  mkdirSync(logDir, { recursive: true });
  const processes: ServiceProcess[] = [];
  const kafkaStart = await startKafka(config);
  startedKafka = kafkaStart.startedHere;
  const brokers = kafkaStart.brokers;
  const kafka = createKafka({ brokers, clientId: 'bench' });
  try {
    await ensureTopics(brokers, topicSpecs(namespace));
    await Promise.all([prepareDatabase(ours), prepareDatabase(naive)]);

    const datapoints = realDatapoints(N, 'ai-jobs');
    log(
      `producing ${N} real observations (ai-jobs rows, cycled with fresh ids) to ${physicalTopic(Topic.Datapoints, namespace)}`,
    );
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const produceStart = performance.now();
    for (let i = 0; i < N; i += 5000) {
      await producer.send({
        topic: physicalTopic(Topic.Datapoints, namespace),
        acks: -1,
        messages: datapoints.slice(i, i + 5000).map(asMessage),
      });
    }
    await producer.disconnect();
    log(`produced in ${((performance.now() - produceStart) / 1000).toFixed(1)} s`);

    // Rows the service must store: the accepted share of the input (the rest goes to the DLQ).
    const env = { KAFKA_BROKERS: brokers, KAFKA_TOPIC_NAMESPACE: namespace };
    log('rangefinder ingest: consuming');
    // BENCH_SERVICE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the service alone.
    const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean);
    const service = await ServiceProcess.start(
      'ingest',
      { ...env, DATABASE_URL: ours, INGEST_CONSUMER_GROUP: `${namespace}ingest` },
      { logFile: join(logDir, `${namespace}ingest.log`), nodeArgs },
    );
    processes.push(service);
    let expected = Infinity;
    const progress = setInterval(() => {
      void service
        .getJson<{ source: string; accepted: number; rejected: number; held: number }[]>(
          '/v1/sources',
        )
        .then(
          (s) => {
            const quality = s.find((q) => q.source === 'ai-jobs');
            if (quality && quality.accepted + quality.rejected >= N) expected = quality.held;
          },
          () => undefined,
        );
    }, 200);
    const fast = await measure(ours, (rows) => rows >= expected);
    clearInterval(progress);
    await service.stop();

    log(`naive baseline: consuming for ${BASELINE_SECONDS} s`);
    const baseline = await ServiceProcess.start(
      'naive',
      { ...env, DATABASE_URL: naive, NAIVE_GROUP: `${namespace}naive` },
      {
        logFile: join(logDir, `${namespace}naive.log`),
        script: join(REPO_ROOT, 'dist', 'test', 'bench', 'naive-ingest', 'main.js'),
        noHttp: true,
      },
    );
    processes.push(baseline);
    const slow = await measure(naive, () => false, BASELINE_SECONDS);
    await baseline.stop();

    const ratio = fast.rate / slow.rate;
    const rows = [
      ['', 'stored', 'seconds', 'observations/s'],
      [
        'rangefinder ingest (eachBatch, chunked upsert + outbox)',
        fast.rows,
        fast.seconds.toFixed(1),
        Math.round(fast.rate),
      ],
      [
        'naive baseline (@EventPattern + save() per row)',
        slow.rows,
        slow.seconds.toFixed(1),
        Math.round(slow.rate),
      ],
    ];
    process.stdout.write(
      [
        '',
        `Ingest benchmark: ${N} real observations, broker + Postgres + service on this ${cpus().length}-core machine`,
        ...rows.map(
          (r) =>
            `  ${String(r[0]).padEnd(56)} ${String(r[1]).padStart(8)} ${String(r[2]).padStart(8)} ${String(r[3]).padStart(15)}`,
        ),
        `  ratio ${ratio.toFixed(1)}x`,
        `  target >= ${TARGET_RATE} obs/s: ${fast.rate >= TARGET_RATE ? 'met' : 'MISSED'}; target >= ${TARGET_RATIO}x baseline: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const p of processes) await p.stop().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(namespace)) })
      .catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(ours);
    await dropDatabase(naive);
    if (startedKafka) await stopAll(config);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
