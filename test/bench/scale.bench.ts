import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { Client } from 'pg';
import { Topic, physicalTopic, topicSpecs } from '@rangefinder/contracts';
import { dropDatabase, ensureDatabase } from '@rangefinder/database';
import { createKafka } from '@rangefinder/messaging';
import { Role } from '@rangefinder/platform';
import { ensureTopics, startKafka, stopAll } from '../../deploy/local/stack';
import { seedCatalogue } from '../support/catalogue';
import { asMessage, realDatapoints } from '../support/datapoints';
import { ServiceProcess, waitFor } from '../support/ingest-process';
import {
  EFFECTIVE_DATE,
  appliedMessages,
  benchLogDir,
  benchStackConfig,
  databaseUrl,
  deleteRunTopics,
  log,
  ok,
  policyEffectiveOn,
  publishDrafts,
  runAutocannon,
  runBench,
  sleep,
  tableLines,
  token,
  verdict,
} from './bench-support';

/**
 * `npm run bench:scale`: what a second instance costs and gives on this machine — ingest and
 * offer-check throughput with one and two instances in the same consumer group, side by side, and
 * the pause in progress when an instance joins the group or dies (kill -9).
 */
const INGEST_N = Number(process.env.BENCH_SCALE_OBSERVATIONS ?? 100_000);
const PAUSE_N = Number(process.env.BENCH_SCALE_PAUSE_OBSERVATIONS ?? 150_000);
const CHECK_SECONDS = Number(process.env.BENCH_CHECK_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
// The group settings the README documents for a fast take-over (defaults: 30 s and 3 s).
const GROUP = { KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000' };
const TARGET = { twoOfOne: 0.9, pauseSeconds: 10 };

interface Deployment {
  namespace: string;
  url: string;
  pg: Client;
  env: Record<string, string>;
  processes: ServiceProcess[];
  start(app: string, extra?: Record<string, string>): Promise<ServiceProcess>;
  tearDown(): Promise<void>;
}

async function deployment(brokers: string, admin: Admin, name: string): Promise<Deployment> {
  const id = randomBytes(4).toString('hex');
  const namespace = `bench-scale-${name}-${id}.`;
  const url = databaseUrl(`rf_bench_scale_${name}_${id}`);
  await ensureDatabase(url);
  await seedCatalogue(url);
  await ensureTopics(brokers, topicSpecs(namespace));
  const pg = new Client({ connectionString: url });
  pg.on('error', (error) => log(`database connection lost: ${error.message}`));
  await pg.connect();
  const env = {
    ...GROUP,
    DATABASE_URL: url,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_NAMESPACE: namespace,
    INGEST_CONSUMER_GROUP: `${namespace}ingest`,
    BANDS_CONSUMER_GROUP: `${namespace}bands`,
    OFFERS_CONSUMER_GROUP: `${namespace}offers`,
    HTTP_RATE_LIMIT_PER_SECOND: '1000000',
  };
  const processes: ServiceProcess[] = [];
  let started = 0;
  return {
    namespace,
    url,
    pg,
    env,
    processes,
    async start(app, extra = {}) {
      const service = await ServiceProcess.start(
        app,
        { ...env, ...extra },
        { logFile: join(benchLogDir(), `${namespace}${app}-${started++}.log`) },
      );
      processes.push(service);
      return service;
    },
    async tearDown() {
      for (const p of processes) await p.stop().catch(() => undefined);
      await pg.end().catch(() => undefined);
      await deleteRunTopics(admin, namespace);
      await dropDatabase(url);
    },
  };
}

async function produce(brokers: string, topic: string, count: number, source: string) {
  const kafka = createKafka({ brokers, clientId: 'bench-scale' });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const datapoints = realDatapoints(count, source);
  for (let i = 0; i < datapoints.length; i += 5000) {
    await producer.send({
      topic,
      acks: -1,
      messages: datapoints.slice(i, i + 5000).map(asMessage),
    });
  }
  await producer.disconnect();
}

/** Per partition, the next offset ingest will apply, sampled every 100 ms. */
interface Sample {
  at: number;
  offsets: Map<number, number>;
}

async function sample(pg: Client, topic: string): Promise<Sample> {
  const { rows } = await pg.query<{ partition: number; next_offset: string }>(
    `SELECT partition, next_offset FROM ingest.consumer_progress WHERE topic = $1`,
    [topic],
  );
  return {
    at: performance.now(),
    offsets: new Map(rows.map((r) => [r.partition, Number(r.next_offset)])),
  };
}

const total = (s: Sample) => [...s.offsets.values()].reduce((a, b) => a + b, 0);

/** Ingest throughput with `instances` instances: messages applied per second, first to last. */
async function ingestRate(brokers: string, admin: Admin, instances: number): Promise<number> {
  const d = await deployment(brokers, admin, `ingest${instances}`);
  try {
    const topic = physicalTopic(Topic.Datapoints, d.namespace);
    await produce(brokers, topic, INGEST_N, 'ai-jobs');
    await Promise.all(Array.from({ length: instances }, () => d.start('ingest')));
    let first: Sample | undefined;
    let last = await sample(d.pg, topic);
    while (total(last) < INGEST_N) {
      await sleep(100);
      last = await sample(d.pg, topic);
      if (!first && total(last) > 0) first = last;
    }
    const rate = (total(last) - total(first!)) / ((last.at - first!.at) / 1000);
    log(`ingest with ${instances} instance(s): ${Math.round(rate)} messages/s`);
    return rate;
  } finally {
    await d.tearDown();
  }
}

/**
 * The pauses when a third ingest instance joins and when one of them is killed, mid-stream: for
 * each, how long the whole group made no progress at all, and how long the slowest partition with
 * work left waited before it moved again.
 */
async function rebalancePauses(brokers: string, admin: Admin) {
  const d = await deployment(brokers, admin, 'pause');
  try {
    const topic = physicalTopic(Topic.Datapoints, d.namespace);
    await produce(brokers, topic, PAUSE_N, 'ai-jobs');
    const instances = await Promise.all([d.start('ingest'), d.start('ingest')]);
    const samples: Sample[] = [];
    const events: { what: string; at: number }[] = [];
    let joined = false;
    let killed = false;
    for (let s = await sample(d.pg, topic); total(s) < PAUSE_N; s = await sample(d.pg, topic)) {
      samples.push(s);
      const share = total(s) / PAUSE_N;
      if (!joined && share > 0.15) {
        joined = true;
        events.push({ what: 'an instance joins', at: performance.now() });
        void d.start('ingest');
      }
      if (!killed && share > 0.5) {
        killed = true;
        events.push({ what: 'an instance dies (kill -9)', at: performance.now() });
        await instances[0].crash();
      }
      await sleep(100);
    }
    samples.push(await sample(d.pg, topic));
    return events.map((event, i) => {
      const until = events[i + 1]?.at ?? Infinity;
      const window = samples.filter((s) => s.at >= event.at && s.at < until);
      return { what: event.what, ...pauses(window, event.at) };
    });
  } finally {
    await d.tearDown();
  }
}

/** Within `window` (samples after an event at `from`): the longest full stop, the longest partition wait. */
function pauses(window: Sample[], from: number): { stopSeconds: number; waitSeconds: number } {
  let stop = 0;
  let stoppedSince = from;
  for (let i = 1; i < window.length; i++) {
    if (total(window[i]) > total(window[i - 1])) stoppedSince = window[i].at;
    else stop = Math.max(stop, window[i].at - stoppedSince);
  }
  let wait = 0;
  const partitions = window[0] ? [...window[0].offsets.keys()] : [];
  for (const partition of partitions) {
    const end = Math.max(...window.map((s) => s.offsets.get(partition) ?? 0));
    let since = from;
    for (let i = 1; i < window.length; i++) {
      const before = window[i - 1].offsets.get(partition) ?? 0;
      const now = window[i].offsets.get(partition) ?? 0;
      if (now > before || now >= end) since = window[i].at;
      else wait = Math.max(wait, window[i].at - since);
    }
  }
  return { stopSeconds: stop / 1000, waitSeconds: wait / 1000 };
}

/** Offer checks per second against one instance, then against two at once (half the connections each). */
async function checkRates(brokers: string, admin: Admin): Promise<[number, number]> {
  const d = await deployment(brokers, admin, 'offers');
  try {
    const datapoints = physicalTopic(Topic.Datapoints, d.namespace);
    const observations = physicalTopic(Topic.Observations, d.namespace);
    const [, bands] = await Promise.all([d.start('ingest'), d.start('bands')]);
    await produce(brokers, datapoints, 74_301, 'ai-jobs');
    await waitFor(
      'ingest',
      async () => (await appliedMessages(d.pg, 'ingest', datapoints)) >= 74_301,
      300_000,
      250,
    );
    await waitFor(
      'the hand-off',
      async () =>
        Number(
          (await d.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest.outbox')).rows[0]
            .n,
        ) === 0,
      120_000,
    );
    const handedOff = (await admin.fetchTopicOffsets(observations)).reduce(
      (s, o) => s + Number(o.high),
      0,
    );
    await waitFor(
      'bands',
      async () => (await appliedMessages(d.pg, 'bands', observations)) >= handedOff,
      300_000,
      250,
    );
    await policyEffectiveOn(bands, EFFECTIVE_DATE);
    const published = (await publishDrafts(bands)).published.map((p) => p.cell);
    const offers = [await d.start('offers'), await d.start('offers')];
    await waitFor(
      'both offers instances to hold every band',
      async () =>
        Number(
          (
            await d.pg.query<{ n: number }>(
              'SELECT count(DISTINCT cell)::int AS n FROM offers.bands',
            )
          ).rows[0].n,
        ) >= published.length,
      120_000,
    );
    const bodies: unknown[] = [];
    for (const cell of published) {
      const [role, level, zone] = cell.split('|');
      const answer = await ok<{ band: { mid: number; currency: string } | null }>(
        offers[bodies.length % 2],
        'POST',
        '/v1/offer-checks',
        Role.Recruiter,
        { role, level, location: zone, currency: 'USD', base: 100_000 },
      );
      if (answer.band)
        bodies.push({ role, level, location: zone, currency: 'USD', base: answer.band.mid });
      if (bodies.length >= 200) break;
    }
    const requests = bodies.map((body) => ({
      method: 'POST',
      path: '/v1/offer-checks',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token(Role.Recruiter)}`,
      },
      body: JSON.stringify(body),
    }));
    const run = async (service: ServiceProcess, connections: number) => {
      const { result } = await runAutocannon({
        url: service.url,
        connections,
        duration: CHECK_SECONDS,
        requests,
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${service.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      }
      return result.requests.total / CHECK_SECONDS;
    };
    await run(offers[0], 4); // warm-up of the JIT and the pool
    await run(offers[1], 4);
    const one = await run(offers[0], CONNECTIONS);
    log(`offer checks, one instance: ${Math.round(one)}/s`);
    const two = (await Promise.all(offers.map((o) => run(o, CONNECTIONS / 2)))).reduce(
      (a, b) => a + b,
      0,
    );
    log(`offer checks, two instances: ${Math.round(two)}/s`);
    return [one, two];
  } finally {
    await d.tearDown();
  }
}

async function main(): Promise<void> {
  const config = benchStackConfig('bench-scale', 19592, 19593);
  const kafkaStart = await startKafka(config);
  const brokers = kafkaStart.brokers;
  const admin = createKafka({ brokers, clientId: 'bench-scale-admin' }).admin();
  await admin.connect();
  try {
    const ingestOne = await ingestRate(brokers, admin, 1);
    const ingestTwo = await ingestRate(brokers, admin, 2);
    const pauseFigures = await rebalancePauses(brokers, admin);
    const [checksOne, checksTwo] = await checkRates(brokers, admin);
    const share = (two: number, one: number) => `${Math.round((two / one) * 100)} %`;
    process.stdout.write(
      [
        '',
        `Scale-out benchmark on this ${cpus().length}-core machine (broker, Postgres and every instance share it)`,
        ...tableLines(
          [
            [
              '',
              '1 instance',
              '2 instances',
              '2 vs 1',
              `target: 2 instances >= ${TARGET.twoOfOne * 100} % of 1`,
            ],
            [
              `ingest, ${INGEST_N} real observations (msg/s)`,
              String(Math.round(ingestOne)),
              String(Math.round(ingestTwo)),
              share(ingestTwo, ingestOne),
              verdict(ingestTwo >= TARGET.twoOfOne * ingestOne),
            ],
            [
              `offer checks, ${CONNECTIONS} connections (/s)`,
              String(Math.round(checksOne)),
              String(Math.round(checksTwo)),
              share(checksTwo, checksOne),
              verdict(checksTwo >= TARGET.twoOfOne * checksOne),
            ],
          ],
          [46, 11, 12, 7],
        ),
        `  rebalance pauses, ingest of ${PAUSE_N} observations, session timeout ${GROUP.KAFKA_SESSION_TIMEOUT_MS} ms, heartbeat ${GROUP.KAFKA_HEARTBEAT_INTERVAL_MS} ms:`,
        ...pauseFigures.map(
          (p) =>
            `    ${p.what.padEnd(28)} group at a full stop ${p.stopSeconds.toFixed(1)} s; longest partition wait ${p.waitSeconds.toFixed(1)} s; target < ${TARGET.pauseSeconds} s: ${verdict(Math.max(p.stopSeconds, p.waitSeconds) < TARGET.pauseSeconds)}`,
        ),
        '',
      ].join('\n'),
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
    if (kafkaStart.startedHere) await stopAll(config);
  }
}

runBench(main);
