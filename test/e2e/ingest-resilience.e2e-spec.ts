import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import {
  RejectionCode,
  Topic,
  datapointKey,
  type DatapointRejectionV1,
  type DatapointV1,
  type ObservationV1,
} from '@rangefinder/contracts';
import { asMessage, certainlyValid, realDatapoints } from '../support/datapoints';
import { BASE_DATABASE_URL, IngestHarness, type TopicRecord } from '../support/ingest-harness';
import { waitFor } from '../support/ingest-process';

type Message = { key: string | null; value: string | Buffer | null };

interface SourceCounters {
  held: number;
  accepted: number;
  corrected: number;
  erased: number;
  rejected: number;
}

/** A stream of one source and everything ingest must make of it, whatever happens meanwhile. */
interface PlannedStream {
  source: string;
  messages: Message[];
  /** sourceRecordId -> base (as sent) of its last valid version, for every key that must be held at the end. */
  held: Map<string, number>;
  /** Keys of valid messages -> how many valid versions each got. */
  versions: Map<string, number>;
  erased: Set<string>;
  /** Keys of invalid messages (each unique) -> the reason code they must be dead-lettered with. */
  invalid: Map<string, RejectionCode>;
  counters: SourceCounters;
}

/**
 * Real ai-jobs rows with unique ids; 1 message in 100 invalid (alternately not JSON and an unmapped
 * title); `corrections` keys get a new base half a stream after their first version; `tombstones`
 * erase early, never-corrected keys at the end. Versions of one key lie thousands of offsets apart
 * per partition, so they never share a chunk and the counters below hold however chunks are cut.
 */
function planStream(
  source: string,
  total: number,
  corrections: number,
  tombstones: number,
): PlannedStream {
  const invalidCount = Math.floor(total / 100);
  const originalCount = total - invalidCount - corrections - tombstones;
  const originals = realDatapoints(originalCount, source, certainlyValid);
  const gap = Math.floor(originalCount / 2);
  const stride = Math.floor(gap / corrections);
  const held = new Map<string, number>();
  const versions = new Map<string, number>();
  const valid: Message[] = [];
  const accept = (datapoint: DatapointV1) => {
    valid.push(asMessage(datapoint));
    held.set(datapoint.sourceRecordId, datapoint.base);
    versions.set(
      datapointKey(source, datapoint.sourceRecordId),
      (versions.get(datapointKey(source, datapoint.sourceRecordId)) ?? 0) + 1,
    );
  };
  originals.forEach((original, j) => {
    accept(original);
    const i = j - gap;
    if (i >= 0 && i % stride === 0 && i / stride < corrections)
      accept({ ...originals[i], base: originals[i].base + 1000 + i / stride });
  });
  const erased = new Set<string>();
  for (let k = 0; k < tombstones; k++) {
    const { sourceRecordId } = originals[k * stride + 1];
    valid.push({ key: datapointKey(source, sourceRecordId), value: null });
    held.delete(sourceRecordId);
    erased.add(datapointKey(source, sourceRecordId));
  }

  const invalid = new Map<string, RejectionCode>();
  const messages: Message[] = [];
  for (const message of valid) {
    messages.push(message);
    if (messages.length % 100 !== 99) continue;
    const key = `${source}:bad-${invalid.size}`;
    if (invalid.size % 2 === 0) {
      messages.push({
        key,
        value: `{"schema":"comp.datapoint.v1","source":"${source}","sourceRecordId":`,
      });
      invalid.set(key, RejectionCode.InvalidJson);
    } else {
      messages.push({
        key,
        value: JSON.stringify({
          ...originals[0],
          sourceRecordId: `bad-${invalid.size}`,
          title: 'Chief Vibes Officer',
        }),
      });
      invalid.set(key, RejectionCode.UnmappedRole);
    }
  }
  if (messages.length !== total || invalid.size !== invalidCount)
    throw new Error(`planned ${messages.length} messages, ${invalid.size} invalid`);
  return {
    source,
    messages,
    held,
    versions,
    erased,
    invalid,
    counters: {
      held: held.size,
      accepted: originalCount + corrections,
      corrected: corrections,
      erased: tombstones,
      rejected: invalidCount,
    },
  };
}

const firstFew = <T>(list: T[]) => ({ count: list.length, first: list.slice(0, 10) });

const storedCount = async (h: IngestHarness) =>
  (await h.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest.observations'))[0].n;

interface HeldRow {
  source: string;
  id: string;
  /** As sent; `base` is converted to the zone's currency. */
  originalBase: string;
  base: string;
  revision: string;
}

/** Exactly the planned final set: same keys, each with the base of its last version. Returns the rows by key. */
async function expectExactlyHeld(
  h: IngestHarness,
  plan: PlannedStream,
): Promise<Map<string, HeldRow>> {
  const rows = await h.query<HeldRow>(
    'SELECT source, source_record_id AS id, original_base::text AS "originalBase", base::text, revision::text FROM ingest.observations',
  );
  const mine = rows.filter((r) => r.source === plan.source);
  const stored = new Map(mine.map((r) => [r.id, r]));
  expect({
    otherSources: rows.length - mine.length,
    missing: firstFew([...plan.held.keys()].filter((id) => !stored.has(id))),
    unexpected: firstFew(mine.filter((r) => !plan.held.has(r.id)).map((r) => r.id)),
    wrongBase: firstFew(
      mine
        .filter((r) => plan.held.has(r.id) && Number(r.originalBase) !== plan.held.get(r.id))
        .map((r) => `${r.id}: ${r.originalBase}`),
    ),
  }).toEqual({
    otherSources: 0,
    missing: firstFew([]),
    unexpected: firstFew([]),
    wrongBase: firstFew([]),
  });
  return new Map(mine.map((r) => [datapointKey(plan.source, r.id), r]));
}

/** Counters are kept per source and partition; summed per source they must be exact. */
async function expectExactCounters(h: IngestHarness, plan: PlannedStream): Promise<void> {
  const stats = await h.query<SourceCounters & { source: string }>(
    `SELECT source, sum(held)::int AS held, sum(accepted)::int AS accepted, sum(corrected)::int AS corrected,
       sum(erased)::int AS erased, sum(rejected)::int AS rejected
     FROM ingest.source_stats GROUP BY source`,
  );
  expect(stats).toEqual([{ source: plan.source, ...plan.counters }]);
  const byCode = await h.query<{ code: string; count: number }>(
    'SELECT code, sum(count)::int AS count FROM ingest.source_rejections WHERE source = $1 GROUP BY code ORDER BY code',
    [plan.source],
  );
  const expected = new Map<string, number>();
  for (const code of plan.invalid.values()) expected.set(code, (expected.get(code) ?? 0) + 1);
  expect(byCode).toEqual(
    [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => ({ code, count })),
  );
}

const byPosition = (a: TopicRecord, b: TopicRecord) =>
  a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));

/**
 * Every invalid message dead-lettered with its code, none missing. The relay publishes the outbox
 * at least once: a crash between the broker's ack and the outbox delete re-sends the same rows, so
 * the DLQ may hold copies — byte-identical ones. A copy that differs (another rejectedAt) would
 * mean the message was rejected twice, i.e. applied twice. Returns the number of copies.
 */
async function expectDeadLettered(h: IngestHarness, plan: PlannedStream): Promise<number> {
  const records = await h.readTopic(Topic.DatapointsDlq);
  const byOriginal = new Map<
    string,
    { key: string | null; values: Set<string>; rejection: DatapointRejectionV1 }
  >();
  for (const record of records) {
    const rejection = JSON.parse(record.value!) as DatapointRejectionV1;
    const position = `${rejection.original.partition}@${rejection.original.offset}`;
    const seen = byOriginal.get(position) ?? {
      key: rejection.original.key,
      values: new Set<string>(),
      rejection,
    };
    seen.values.add(record.value!);
    byOriginal.set(position, seen);
  }
  const rejected = [...byOriginal.values()];
  expect({
    distinctOriginals: rejected.length,
    missing: firstFew(
      [...plan.invalid.keys()].filter((key) => !rejected.some((r) => r.key === key)),
    ),
    wrongCode: firstFew(
      rejected
        .filter((r) => plan.invalid.get(r.key!) !== r.rejection.reason.code)
        .map((r) => `${r.key}: ${r.rejection.reason.code}`),
    ),
    wrongTopic: firstFew(
      rejected
        .filter((r) => r.rejection.original.topic !== h.topic(Topic.Datapoints))
        .map((r) => r.key),
    ),
    rejectedTwice: firstFew(rejected.filter((r) => r.values.size > 1).map((r) => r.key)),
  }).toEqual({
    distinctOriginals: plan.invalid.size,
    missing: firstFew([]),
    wrongCode: firstFew([]),
    wrongTopic: firstFew([]),
    rejectedTwice: firstFew([]),
  });
  return records.length - rejected.length;
}

/**
 * The hand-off topic, also at least once (see expectDeadLettered), deduplicated by revision: per key
 * the last event is the stored revision (or a tombstone for an erased key), revisions only grow, and
 * no key got more revisions than valid versions (a chunk applied twice would add one). Returns the
 * number of re-sent copies.
 */
async function expectHandedOff(
  h: IngestHarness,
  plan: PlannedStream,
  held: Map<string, HeldRow>,
): Promise<number> {
  const records = (await h.readTopic(Topic.Observations)).sort(byPosition);
  const byKey = new Map<string, (ObservationV1 | null)[]>();
  for (const record of records) {
    const events = byKey.get(record.key!) ?? [];
    events.push(record.value === null ? null : (JSON.parse(record.value) as ObservationV1));
    byKey.set(record.key!, events);
  }
  const problems: string[] = [];
  let distinct = 0;
  for (const key of byKey.keys()) {
    if (!plan.versions.has(key)) problems.push(`${key}: not a valid key of the stream`);
  }
  for (const [key, versions] of plan.versions) {
    const events = byKey.get(key) ?? [];
    const last = events.at(-1);
    const upserts = [...new Set(events.filter((e) => e !== null).map((e) => e.revision))];
    distinct += upserts.length + (events.includes(null) ? 1 : 0);
    if (plan.erased.has(key)) {
      if (last !== null)
        problems.push(
          `${key}: erased, but the last event is ${last ? `revision ${last.revision}` : 'missing'}`,
        );
    } else if (!last) {
      problems.push(`${key}: no event, or a tombstone, for a held key`);
    } else if (
      last.revision !== held.get(key)?.revision ||
      last.base !== Number(held.get(key)?.base)
    ) {
      problems.push(
        `${key}: last event is revision ${last.revision} base ${last.base}; stored ${held.get(key)?.revision} base ${held.get(key)?.base}`,
      );
    }
    if (upserts.length < 1 || upserts.length > versions)
      problems.push(`${key}: ${upserts.length} revisions for ${versions} versions`);
    if (upserts.some((r, i) => i > 0 && BigInt(r) <= BigInt(upserts[i - 1])))
      problems.push(`${key}: revisions out of order ${upserts.join(',')}`);
  }
  expect(firstFew(problems)).toEqual(firstFew([]));
  return records.length - distinct;
}

/** Kafka's committed offset and ingest's stored progress per partition of the datapoints topic. */
async function committedAndProgress(
  h: IngestHarness,
): Promise<{ partition: number; committed: bigint; progress: bigint }[]> {
  const admin = h.kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({
      groupId: h.env.INGEST_CONSUMER_GROUP,
      topics: [h.topic(Topic.Datapoints)],
    });
    const progress = await h.query<{ partition: number; next: string }>(
      'SELECT partition, next_offset::text AS next FROM ingest.consumer_progress WHERE topic = $1',
      [h.topic(Topic.Datapoints)],
    );
    return offsets.partitions
      .map((p) => ({
        partition: p.partition,
        committed: BigInt(p.offset) < 0n ? 0n : BigInt(p.offset),
        progress: BigInt(progress.find((r) => r.partition === p.partition)?.next ?? '0'),
      }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Offsets reach Kafka only after the database committed, so the committed offset never runs ahead
 * of the stored progress; what lies between is what the next run will be handed again. Returns it.
 */
async function expectCommitsBehindProgress(h: IngestHarness): Promise<number> {
  const positions = await committedAndProgress(h);
  expect(positions.filter((p) => p.committed > p.progress)).toEqual([]);
  return positions.reduce((sum, p) => sum + Number(p.progress - p.committed), 0);
}

/**
 * Moves the group's committed offsets back to `back` messages before the stored progress (never
 * forward), as if the last offset commits had been lost. Only possible once the group is empty:
 * after a crash the dead member holds it until its 30 s session expires.
 */
async function rewindCommitted(h: IngestHarness, back: number): Promise<void> {
  const admin = h.kafka.admin();
  await admin.connect();
  try {
    const groupId = h.env.INGEST_CONSUMER_GROUP;
    await waitFor(
      'the crashed member to drop out of the consumer group',
      async () => (await admin.describeGroups([groupId])).groups[0].state === 'Empty',
      60_000,
      500,
    );
    const partitions = (await committedAndProgress(h)).map((p) => {
      const rewound = p.progress - BigInt(back);
      const target = rewound < 0n ? 0n : rewound < p.committed ? rewound : p.committed;
      return { partition: p.partition, offset: target.toString() };
    });
    await admin.setOffsets({ groupId, topic: h.topic(Topic.Datapoints), partitions });
  } finally {
    await admin.disconnect();
  }
}

async function metric(h: IngestHarness, name: string): Promise<number> {
  const text = await (await fetch(`${h.service!.url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  if (!match) throw new Error(`metric ${name} not exposed`);
  return Number(match[1]);
}

async function expectAliveAndReady(h: IngestHarness, pid: number | undefined): Promise<void> {
  expect({
    pid: h.service!.child.pid,
    exitCode: h.service!.child.exitCode,
    signal: h.service!.child.signalCode,
  }).toEqual({ pid, exitCode: null, signal: null });
  expect((await fetch(`${h.service!.url}/health/ready`)).status).toBe(200);
}

/** The whole check after a fault: stored set, counters, dead letters and hand-off, all exact. */
async function expectNothingLostNothingDoubled(
  h: IngestHarness,
  plan: PlannedStream,
): Promise<{ dlqCopies: number; handOffCopies: number }> {
  const held = await expectExactlyHeld(h, plan);
  await expectExactCounters(h, plan);
  const dlqCopies = await expectDeadLettered(h, plan);
  const handOffCopies = await expectHandedOff(h, plan, held);
  return { dlqCopies, handOffCopies };
}

/** Waits until ingest holds more than `n` observations, polling fast so it is caught mid-stream. */
const holdsMoreThan = (h: IngestHarness, n: number) =>
  waitFor(
    `ingest to hold more than ${n} observations`,
    async () => (await storedCount(h)) > n,
    120_000,
    50,
  );

const report = (test: string, numbers: Record<string, unknown>) =>
  console.info(`[resilience] ${test}: ${JSON.stringify(numbers)}`);

describe('ingest resilience: crashes and outages on the real broker and database', () => {
  let h: IngestHarness | undefined;

  afterEach(async () => {
    await h?.tearDown();
    h = undefined;
  });

  it('loses and doubles nothing when killed with SIGKILL mid-stream and restarted', async () => {
    h = new IngestHarness('crash');
    await h.setUp();
    const plan = planStream('crash', 50_000, 1_000, 100);
    await h.produce(plan.messages);

    await h.startIngest();
    await holdsMoreThan(h, 10_000);
    await h.service!.crash();
    const storedAtCrash = await storedCount(h);
    // Caught mid-stream: some but not all of it is stored.
    expect(storedAtCrash).toBeGreaterThan(10_000);
    expect(storedAtCrash).toBeLessThan(plan.held.size);
    const uncommittedAtCrash = await expectCommitsBehindProgress(h);
    // A crash between the database commit and Kafka's offset commit leaves Kafka behind; moving
    // the committed offsets back 1,500 messages per partition makes that certain. The restarted
    // consumer seeks to the progress stored with the data; whatever it still reads before the seek
    // lands is skipped by that same progress, never applied twice.
    await rewindCommitted(h, 1_500);
    const handedAgain = await expectCommitsBehindProgress(h);
    expect(handedAgain).toBeGreaterThan(0);

    const restartBegan = Date.now();
    await h.startIngest();
    const restartMs = Date.now() - restartBegan;
    await h.drained(90_000);
    const redelivered = await metric(h, 'rangefinder_ingest_redelivered_total');
    expect(redelivered).toBeLessThanOrEqual(handedAgain);

    const { dlqCopies, handOffCopies } = await expectNothingLostNothingDoubled(h, plan);
    report('SIGKILL', {
      storedAtCrash,
      uncommittedAtCrash,
      handedAgain,
      redelivered,
      restartMs,
      dlqCopies,
      handOffCopies,
    });
  });

  it('survives its database connections being terminated during ingest', async () => {
    h = new IngestHarness('pgkill');
    await h.setUp();
    const plan = planStream('pgkill', 40_000, 400, 50);
    await h.produce(plan.messages);
    const database = decodeURIComponent(new URL(h.databaseUrl).pathname.slice(1));
    // The harness's own connection is spared: this is about the service's.
    const [{ pid: harnessPid }] = await h.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');

    const service = await h.startIngest();
    await holdsMoreThan(h, 2_000);
    const killer = new Client({ connectionString: BASE_DATABASE_URL });
    await killer.connect();
    const terminated: number[] = [];
    try {
      for (let round = 0; round < 5; round++) {
        // Each round waits until ingest has connected again, so every round hits live connections.
        const n = await waitFor(
          `round ${round + 1}: a connection of ingest to terminate`,
          async () => {
            const { rows } = await killer.query<{ n: number }>(
              `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
               WHERE datname = $1 AND pid <> pg_backend_pid() AND pid <> $2`,
              [database, harnessPid],
            );
            return rows[0].n > 0 ? rows[0].n : undefined;
          },
          15_000,
          50,
        );
        terminated.push(n);
        await new Promise((r) => setTimeout(r, 300));
      }
    } catch (error) {
      const { exitCode, signalCode } = service.child;
      const state =
        exitCode === null && signalCode === null
          ? 'still running'
          : `exited (code ${exitCode}, signal ${signalCode})`;
      throw new Error(`${(error as Error).message}; ingest ${state}; log: ${service.logFile}`);
    } finally {
      await killer.end();
    }
    const storedAfterKills = await storedCount(h);
    expect(storedAfterKills).toBeLessThan(plan.held.size);

    await h.drained(90_000);
    const retries = await metric(h, 'rangefinder_ingest_chunk_retries_total');
    await expectAliveAndReady(h, service.child.pid);
    const { dlqCopies, handOffCopies } = await expectNothingLostNothingDoubled(h, plan);
    report('pg_terminate_backend', {
      terminated,
      storedAfterKills,
      retries,
      dlqCopies,
      handOffCopies,
    });
  });

  it('rides out a Postgres server restart during ingest', async () => {
    h = new IngestHarness('pgrestart');
    await h.setUp();
    // Ingest runs at several thousand messages a second: a longer stream keeps the restart mid-stream.
    const plan = planStream('pgrestart', 80_000, 800, 50);
    await h.produce(plan.messages);

    const service = await h.startIngest();
    await holdsMoreThan(h, 2_000);
    // The server is shared by everything on this machine: restart it once, briefly, and make sure
    // it is up again whatever happens.
    const version = readdirSync('/etc/postgresql')[0];
    const began = Date.now();
    let restartMs: number;
    try {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], {
        stdio: 'pipe',
        timeout: 60_000,
      });
      restartMs = Date.now() - began;
    } finally {
      const status = execFileSync('pg_lsclusters', ['--no-header', version, 'main'], {
        encoding: 'utf8',
      });
      if (!/\bonline\b/.test(status))
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
          stdio: 'pipe',
          timeout: 60_000,
        });
    }
    const storedAfterRestart = await waitFor(
      'Postgres to answer again',
      () => storedCount(h!),
      30_000,
    );
    expect(storedAfterRestart).toBeLessThan(plan.held.size);

    await h.drained(90_000);
    const retries = await metric(h, 'rangefinder_ingest_chunk_retries_total');
    await expectAliveAndReady(h, service.child.pid);
    const { dlqCopies, handOffCopies } = await expectNothingLostNothingDoubled(h, plan);
    report('Postgres restart', {
      restartMs,
      storedAfterRestart,
      retries,
      dlqCopies,
      handOffCopies,
    });
  });

  it('drains gracefully on SIGTERM and resumes where it stopped', async () => {
    h = new IngestHarness('sigterm');
    await h.setUp();
    const plan = planStream('sigterm', 20_000, 400, 50);
    await h.produce(plan.messages);

    await h.startIngest();
    await holdsMoreThan(h, 3_000);
    const began = Date.now();
    const stopping = h.service!;
    const exitCode = await stopping.stop(30_000);
    const stopMs = Date.now() - began;
    // A clean exit within the grace period: not SIGKILLed by stop() after 30 s, not code 1.
    expect({ exitCode, signal: stopping.child.signalCode }).toEqual({ exitCode: 0, signal: null });
    const storedAtStop = await storedCount(h);
    expect(storedAtStop).toBeLessThan(plan.held.size);
    const handedAgain = await expectCommitsBehindProgress(h);
    // At most the chunks in flight when SIGTERM came: one per partition consumed concurrently.
    expect(handedAgain).toBeLessThanOrEqual(3 * 2_000);

    // It left its consumer group on the way out, so the next process joins at once instead of
    // waiting out the dead member's 30 s session as after a crash.
    const restartBegan = Date.now();
    await h.startIngest();
    const restartMs = Date.now() - restartBegan;
    expect(restartMs).toBeLessThan(20_000);
    await h.drained(90_000);
    // Whatever Kafka's committed offsets say, the restart resumes from the stored progress.
    const redelivered = await metric(h, 'rangefinder_ingest_redelivered_total');
    expect(redelivered).toBeLessThanOrEqual(handedAgain);
    const { dlqCopies, handOffCopies } = await expectNothingLostNothingDoubled(h, plan);
    expect({ dlqCopies, handOffCopies }).toEqual({ dlqCopies: 0, handOffCopies: 0 });
    report('SIGTERM', {
      exitCode,
      signal: stopping.child.signalCode,
      stopMs,
      storedAtStop,
      redelivered,
      restartMs,
    });
  });
});
