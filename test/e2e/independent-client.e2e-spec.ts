import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RejectionCode,
  Topic,
  datapointKey,
  type DatapointRejectionV1,
  type DatapointV1,
} from '@rangefinder/contracts';
import { certainlyValid, realDatapoints } from '../support/datapoints';
import { IngestHarness } from '../support/ingest-harness';

const SOURCE = 'kcat';

/** What must become of one produced message. */
type Fate =
  | { kind: 'valid' }
  | { kind: 'tombstone' }
  | { kind: 'rejected'; code: RejectionCode; source: string; paths?: string[] };

/** One line of a kcat input file: `key<TAB>value`; no tab means no key, an empty part is null (-Z). */
interface Line {
  key: string | null;
  value: Buffer | null;
  fate: Fate;
}

/** A message as the broker holds it, read back byte for byte by kcat. */
interface BrokerRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

const kcat = (args: string[]) =>
  execFileSync('kcat', args, {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const valid = (d: DatapointV1): Line => ({
  key: datapointKey(d.source, d.sourceRecordId),
  value: Buffer.from(JSON.stringify(d)),
  fate: { kind: 'valid' },
});
const tombstone = (key: string): Line => ({ key, value: null, fate: { kind: 'tombstone' } });
const rejected = (
  key: string | null,
  value: string | Buffer | null,
  code: RejectionCode,
  paths?: string[],
  source = SOURCE,
): Line => ({
  key,
  value: value === null ? null : Buffer.from(value),
  fate: { kind: 'rejected', code, source, paths },
});

/** Produces the lines with kcat (murmur2 as Java clients and kafkajs, so one key stays on one partition). */
function produceWithKcat(brokers: string, topic: string, lines: Line[], dir: string): void {
  const file = join(dir, `lines-${Date.now()}.tsv`);
  const body = lines.map((line) => {
    for (const part of [line.key === null ? null : Buffer.from(line.key), line.value]) {
      if (part?.includes(0x09) || part?.includes(0x0a))
        throw new Error('a kcat line cannot hold a tab or newline');
    }
    const value = line.value ?? Buffer.alloc(0);
    return line.key === null && line.value !== null
      ? Buffer.concat([value, Buffer.from('\n')])
      : Buffer.concat([Buffer.from(line.key ?? ''), Buffer.from('\t'), value, Buffer.from('\n')]);
  });
  writeFileSync(file, Buffer.concat(body));
  kcat([
    '-P',
    '-b',
    brokers,
    '-t',
    topic,
    '-K',
    '\\t',
    '-Z',
    '-X',
    'topic.partitioner=murmur2_random',
    '-l',
    file,
  ]);
}

/**
 * Everything in a topic, read by kcat with a format that gives each key and value with its byte
 * length (-1 for null), so binary values come back exactly.
 */
function readWithKcat(brokers: string, topic: string): BrokerRecord[] {
  const out = kcat([
    '-C',
    '-b',
    brokers,
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-q',
    '-f',
    '%p %o %K %S\n%k%s\n',
  ]);
  const records: BrokerRecord[] = [];
  for (let at = 0; at < out.length;) {
    const newline = out.indexOf(0x0a, at);
    const [partition, offset, keyLength, valueLength] = out
      .subarray(at, newline)
      .toString()
      .split(' ');
    at = newline + 1;
    const take = (length: number) => {
      if (length < 0) return null;
      const bytes = Buffer.from(out.subarray(at, at + length));
      at += length;
      return bytes;
    };
    const key = take(Number(keyLength));
    const value = take(Number(valueLength));
    at += 1;
    records.push({ partition: Number(partition), offset, key, value });
  }
  return records;
}

interface KcatEnvelope {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
}

const sameBytes = (a: Buffer | null, b: Buffer | string | null) =>
  a === null || b === null ? a === b : a.equals(Buffer.from(b));

describe('ingest: messages from an independent Kafka client (kcat)', () => {
  const h = new IngestHarness('kcat');
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rangefinder-kcat-'));
    await h.setUp();
    await h.startIngest();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h.tearDown();
  });

  it('stores each valid message once with its final value and dead-letters every other one with its reason', async () => {
    const began = Date.now();
    const rows = realDatapoints(40, SOURCE, certainlyValid);
    const [first] = rows;
    const body = (overrides: Record<string, unknown>) => JSON.stringify({ ...first, ...overrides });
    const { observedAt, currency, ...withoutDateAndCurrency } = first;
    void observedAt;
    void currency;

    // Phase 1: originals, an exact duplicate, a tombstone of a key never stored, and malformed input.
    const phase1: Line[] = [
      ...rows.map(valid),
      valid(rows[0]),
      tombstone(`${SOURCE}:ghost`),
      rejected(`${SOURCE}:not-json`, 'this is not json', RejectionCode.InvalidJson),
      rejected(
        `${SOURCE}:truncated`,
        body({ sourceRecordId: 'truncated' }).slice(0, 60),
        RejectionCode.InvalidJson,
      ),
      rejected(
        `${SOURCE}:nul-byte`,
        Buffer.from('{"schema":"comp.datapoint.v1","title":"a\u0000b"}'),
        RejectionCode.InvalidJson,
      ),
      rejected(
        `${SOURCE}:bad-utf8`,
        Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
        RejectionCode.InvalidEncoding,
      ),
      rejected(
        `${SOURCE}:base-text`,
        body({ sourceRecordId: 'base-text', base: 'lots' }),
        RejectionCode.SchemaViolation,
        ['base'],
      ),
      rejected(
        `${SOURCE}:location-text`,
        body({ sourceRecordId: 'location-text', location: 'US' }),
        RejectionCode.SchemaViolation,
        ['location'],
      ),
      rejected(
        `${SOURCE}:missing`,
        JSON.stringify({ ...withoutDateAndCurrency, sourceRecordId: 'missing' }),
        RejectionCode.SchemaViolation,
        ['currency', 'observedAt'],
      ),
      rejected(`${SOURCE}:array`, '[1,2,3]', RejectionCode.SchemaViolation, ['']),
      rejected(`${SOURCE}:null-text`, 'null', RejectionCode.SchemaViolation, ['']),
      rejected(
        `${SOURCE}:someone-else`,
        body({ sourceRecordId: 'key-mismatch' }),
        RejectionCode.SchemaViolation,
        ['key'],
      ),
      rejected('no-colon', body({ sourceRecordId: 'no-colon' }), RejectionCode.SchemaViolation, [
        'key',
      ]),
      rejected('not a key', null, RejectionCode.SchemaViolation, ['key'], 'unknown'),
      rejected(
        `${SOURCE}:vibes`,
        body({ sourceRecordId: 'vibes', title: 'Chief Vibes Officer' }),
        RejectionCode.UnmappedRole,
        ['title'],
      ),
      rejected(
        `${SOURCE}:xqq`,
        body({ sourceRecordId: 'xqq', currency: 'XQQ' }),
        RejectionCode.UnknownCurrency,
        ['currency'],
      ),
    ];
    // Phase 2, once phase 1 is stored: corrections, a repeat, erasures, and an invalid correction
    // that must leave the stored version alone.
    const corrected = (d: DatapointV1, base: number) => valid({ ...d, base });
    const phase2: Line[] = [
      corrected(rows[1], rows[1].base + 5000),
      corrected(rows[2], rows[2].base + 1000),
      corrected(rows[2], rows[2].base + 2000),
      valid(rows[6]),
      tombstone(datapointKey(SOURCE, rows[3].sourceRecordId)),
      tombstone(datapointKey(SOURCE, rows[4].sourceRecordId)),
      rejected(
        datapointKey(SOURCE, rows[5].sourceRecordId),
        JSON.stringify({ ...rows[5], base: 'lots' }),
        RejectionCode.SchemaViolation,
        ['base'],
      ),
    ];

    const topic = h.topic(Topic.Datapoints);
    // The topic is compacted: the broker itself refuses a message without a key, and says so to the
    // producer, so such a message never reaches ingest and is not lost silently either.
    expect(() =>
      produceWithKcat(
        h.brokers,
        topic,
        [rejected(null, body({ sourceRecordId: 'no-key' }), RejectionCode.SchemaViolation)],
        dir,
      ),
    ).toThrow(/Broker failed to validate record/);
    produceWithKcat(h.brokers, topic, phase1, dir);
    await h.drained();
    produceWithKcat(h.brokers, topic, phase2, dir);
    await h.drained();
    const lines = [...phase1, ...phase2];

    // Nothing lost between kcat and the broker: every line is a message, in order per key.
    const records = readWithKcat(h.brokers, topic);
    expect(records).toHaveLength(lines.length);
    const fateOf = (record: BrokerRecord) =>
      lines.find((l) => sameBytes(record.key, l.key) && sameBytes(record.value, l.value))?.fate;
    expect(records.filter((r) => !fateOf(r))).toEqual([]);

    // Stored: exactly the last valid version of each key not erased since.
    const expected = new Map<string, number>();
    for (const line of lines) {
      const id = line.key?.slice(SOURCE.length + 1);
      if (line.fate.kind === 'valid')
        expected.set(id!, (JSON.parse(line.value!.toString()) as DatapointV1).base);
      if (line.fate.kind === 'tombstone') expected.delete(id!);
    }
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const stored = (
      await h.query<{ source: string; id: string; base: string }>(
        'SELECT source, source_record_id AS id, original_base::text AS base FROM ingest.observations',
      )
    ).sort(byId);
    expect(stored).toEqual(
      [...expected].map(([id, base]) => ({ source: SOURCE, id, base: String(base) })).sort(byId),
    );
    expect(stored.find((r) => r.id === rows[5].sourceRecordId)?.base).toBe(String(rows[5].base));

    // Dead-lettered: read back by kcat as an independent consumer, one per rejected message.
    const dlq = kcat([
      '-C',
      '-b',
      h.brokers,
      '-t',
      h.topic(Topic.DatapointsDlq),
      '-o',
      'beginning',
      '-e',
      '-J',
      '-q',
    ])
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as KcatEnvelope);
    const rejections = dlq.map((envelope) => ({
      envelope,
      rejection: JSON.parse(envelope.payload!) as DatapointRejectionV1,
    }));
    const shouldReject = records.filter((r) => fateOf(r)!.kind === 'rejected');
    expect(
      rejections.map(({ rejection: r }) => `${r.original.partition}@${r.original.offset}`).sort(),
    ).toEqual(shouldReject.map((r) => `${r.partition}@${r.offset}`).sort());

    for (const record of shouldReject) {
      const fate = fateOf(record) as Extract<Fate, { kind: 'rejected' }>;
      const { envelope, rejection } = rejections.find(
        ({ rejection: r }) =>
          r.original.partition === record.partition && r.original.offset === record.offset,
      )!;
      const utf8 =
        record.value === null ||
        (Buffer.from(record.value.toString('utf8')).equals(record.value) &&
          !record.value.includes(0));
      const context = `${record.key?.toString() ?? '(no key)'} at ${record.partition}@${record.offset}`;
      expect({ context, rejection }).toEqual({
        context,
        rejection: {
          schema: 'comp.datapoint-rejection.v1',
          reason: {
            code: fate.code,
            message: expect.stringMatching(/\S/) as unknown,
            fields: expect.any(Array) as unknown,
          },
          original: {
            topic,
            partition: record.partition,
            offset: record.offset,
            key: record.key?.toString('utf8') ?? null,
            value: record.value === null ? null : record.value.toString(utf8 ? 'utf8' : 'base64'),
            valueEncoding: utf8 ? 'utf8' : 'base64',
            headers: {},
          },
          rejectedAt: expect.stringMatching(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
          ) as unknown,
        },
      });
      expect(envelope.key).toBe(rejection.original.key);
      expect(Date.parse(rejection.rejectedAt)).toBeGreaterThanOrEqual(began - 1000);
      expect(Date.parse(rejection.rejectedAt)).toBeLessThanOrEqual(Date.now());
      for (const field of rejection.reason.fields)
        expect(field).toEqual({
          path: expect.any(String) as unknown,
          problem: expect.stringMatching(/\S/) as unknown,
        });
      if (fate.paths)
        expect({
          context,
          paths: [...new Set(rejection.reason.fields.map((f) => f.path))].sort(),
        }).toEqual({ context, paths: fate.paths });
    }

    // Counted once each, per source.
    const rejectedBy = (source: string) =>
      lines.filter((l) => l.fate.kind === 'rejected' && l.fate.source === source).length;
    const stats = await h.query(
      `SELECT source, sum(held)::int AS held, sum(accepted)::int AS accepted, sum(corrected)::int AS corrected,
         sum(erased)::int AS erased, sum(rejected)::int AS rejected
       FROM ingest.source_stats GROUP BY source ORDER BY source`,
    );
    expect(stats).toEqual([
      {
        source: SOURCE,
        held: expected.size,
        accepted: lines.filter((l) => l.fate.kind === 'valid').length,
        // the duplicate, three corrections and the repeat: every later version of a stored key
        corrected: 5,
        // rows[3] and rows[4]; the ghost tombstone erased nothing
        erased: 2,
        rejected: rejectedBy(SOURCE),
      },
      {
        source: 'unknown',
        held: 0,
        accepted: 0,
        corrected: 0,
        erased: 0,
        rejected: rejectedBy('unknown'),
      },
    ]);
  });
});
