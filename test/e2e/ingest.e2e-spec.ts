import { Topic, type DatapointRejectionV1, type ObservationV1 } from '@rangefinder/contracts';
import { asMessage, certainlyValid, realDatapoints } from '../support/datapoints';
import { Role } from '@rangefinder/platform';
import { IngestHarness } from '../support/ingest-harness';
import { tokenFor } from '../support/tokens';

interface SourceQuality {
  source: string;
  held: number;
  accepted: number;
  corrected: number;
  erased: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
}

const sourceOf = async (h: IngestHarness, source: string) =>
  (await h.service!.getJson<SourceQuality[]>('/v1/sources')).find((s) => s.source === source);

const storedKeys = async (h: IngestHarness, source: string) =>
  (
    await h.query<{ id: string; base: string }>(
      'SELECT source_record_id AS id, base::text FROM ingest.observations WHERE source = $1',
      [source],
    )
  )
    .map((r) => r.id)
    .sort();

describe('ingest: Kafka to Postgres on the real broker', () => {
  const h = new IngestHarness('ingest');

  beforeAll(async () => {
    await h.setUp();
    await h.startIngest();
  });
  afterAll(() => h.tearDown());

  it('stores a valid batch exactly once and hands every observation to bands', async () => {
    const batch = realDatapoints(1000, 'batch', certainlyValid);
    await h.produce(batch.map(asMessage));
    await h.drained();

    expect(await storedKeys(h, 'batch')).toEqual(batch.map((d) => d.sourceRecordId).sort());
    const [row] = await h.query<Record<string, string>>(
      `SELECT role, level, zone, currency, base::text, base_usd::text FROM ingest.observations WHERE source = 'batch' AND source_record_id = $1`,
      [batch[0].sourceRecordId],
    );
    expect(row).toMatchObject({ zone: 'US', currency: 'USD', base: String(batch[0].base) });
    expect(await sourceOf(h, 'batch')).toMatchObject({
      held: 1000,
      accepted: 1000,
      corrected: 0,
      rejected: 0,
    });

    const handOff = (await h.readTopic(Topic.Observations)).filter((r) =>
      r.key?.startsWith('batch:'),
    );
    expect(handOff).toHaveLength(1000);
    const event = JSON.parse(handOff[0].value!) as ObservationV1;
    expect(event).toMatchObject({
      schema: 'comp.observation.v1',
      change: 'accepted',
      source: 'batch',
    });
  });

  it('stores nothing twice when the same messages arrive again', async () => {
    const batch = realDatapoints(500, 'twice', certainlyValid);
    await h.produce(batch.map(asMessage));
    await h.drained();
    const handOffBefore = (await h.readTopic(Topic.Observations)).length;

    // Redelivery of the same offsets: rewind the group and restart the service.
    await h.service!.stop();
    const admin = h.kafka.admin();
    await admin.connect();
    await admin.resetOffsets({
      groupId: h.env.INGEST_CONSUMER_GROUP,
      topic: h.topic(Topic.Datapoints),
      earliest: true,
    });
    await admin.disconnect();
    await h.startIngest();
    await h.drained();
    expect(await storedKeys(h, 'twice')).toEqual(batch.map((d) => d.sourceRecordId).sort());
    expect(await sourceOf(h, 'twice')).toMatchObject({ held: 500, accepted: 500, corrected: 0 });
    expect((await h.readTopic(Topic.Observations)).length).toBe(handOffBefore);

    // The same messages produced again (new offsets): versions of the same keys, still one row each.
    await h.produce(batch.map(asMessage));
    await h.drained();
    expect(await storedKeys(h, 'twice')).toEqual(batch.map((d) => d.sourceRecordId).sort());
    expect(await sourceOf(h, 'twice')).toMatchObject({ held: 500, accepted: 1000, corrected: 500 });
  });

  it('applies corrections (newer offset wins) and tombstones (erasure)', async () => {
    const [first, second] = realDatapoints(2, 'fix', certainlyValid);
    await h.produce([asMessage(first), asMessage(second)]);
    await h.produce([
      asMessage({ ...first, base: 123456 }),
      { key: `fix:${second.sourceRecordId}`, value: null },
    ]);
    await h.drained();

    const rows = await h.query<{ id: string; base: string }>(
      `SELECT source_record_id AS id, base::text FROM ingest.observations WHERE source = 'fix'`,
    );
    expect(rows).toEqual([{ id: first.sourceRecordId, base: '123456' }]);
    expect(await sourceOf(h, 'fix')).toMatchObject({
      held: 1,
      accepted: 3,
      corrected: 1,
      erased: 1,
    });

    const events = (await h.readTopic(Topic.Observations)).filter((r) => r.key?.startsWith('fix:'));
    const forFirst = events
      .filter((e) => e.key === `fix:${first.sourceRecordId}`)
      .map((e) => JSON.parse(e.value!) as ObservationV1);
    expect(forFirst.map((e) => [e.change, e.base])).toEqual([
      ['accepted', first.base],
      ['corrected', 123456],
    ]);
    expect(Number(forFirst[1].revision)).toBeGreaterThan(Number(forFirst[0].revision));
    const forSecond = events.filter((e) => e.key === `fix:${second.sourceRecordId}`);
    expect(forSecond.at(-1)!.value).toBeNull();
  });

  it('dead-letters each kind of bad message with its code and stores the good ones around it', async () => {
    const good = realDatapoints(20, 'mixed', certainlyValid);
    const base = { ...good[0] };
    const bad: [string, { key: string | null; value: string | Buffer | null }][] = [
      ['INVALID_JSON', { key: 'mixed:bad-1', value: '{"schema": "comp.datapoint.v1", ' }],
      [
        'SCHEMA_VIOLATION',
        {
          key: 'mixed:bad-2',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-2', base: 'lots' }),
        },
      ],
      [
        'SCHEMA_VIOLATION',
        {
          key: 'mixed:bad-3',
          value: JSON.stringify({
            ...base,
            sourceRecordId: 'bad-3',
            observedAt: undefined,
            currency: undefined,
          }),
        },
      ],
      [
        'UNKNOWN_CURRENCY',
        {
          key: 'mixed:bad-4',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-4', currency: 'XQQ' }),
        },
      ],
      [
        'UNMAPPED_ROLE',
        {
          key: 'mixed:bad-5',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-5', title: 'Chief Vibes Officer' }),
        },
      ],
      [
        'UNMAPPED_LEVEL',
        {
          key: 'mixed:bad-6',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-6', level: 'ZZ' }),
        },
      ],
      [
        'UNKNOWN_LOCATION',
        {
          key: 'mixed:bad-7',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-7', location: { country: 'AQ' } }),
        },
      ],
      [
        'OUT_OF_RANGE',
        {
          key: 'mixed:bad-8',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-8', base: 50_000_000 }),
        },
      ],
      [
        'OUT_OF_RANGE',
        {
          key: 'mixed:bad-9',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-9', observedAt: '2099-01-01' }),
        },
      ],
      [
        'PAYLOAD_TOO_LARGE',
        {
          key: 'mixed:bad-10',
          value: JSON.stringify({ ...base, sourceRecordId: 'bad-10', title: 'x'.repeat(200_000) }),
        },
      ],
      [
        'INVALID_ENCODING',
        { key: 'mixed:bad-11', value: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
      ],
    ];
    const messages = good.map(asMessage) as { key: string | null; value: string | Buffer | null }[];
    bad.forEach(([, message], i) => messages.splice(1 + i * 2, 0, message));
    await h.produce(messages);
    await h.drained();

    expect(await storedKeys(h, 'mixed')).toEqual(good.map((d) => d.sourceRecordId).sort());
    const dlq = (await h.readTopic(Topic.DatapointsDlq))
      .map((r) => JSON.parse(r.value!) as DatapointRejectionV1)
      .filter((r) => r.original.key?.startsWith('mixed:'));
    const byKey = new Map(dlq.map((r) => [r.original.key, r]));
    for (const [code, message] of bad) {
      const rejection = byKey.get(message.key);
      expect(rejection?.reason.code).toBe(code);
      expect(rejection!.original.topic).toBe(h.topic(Topic.Datapoints));
    }
    expect(byKey.get('mixed:bad-2')!.reason.fields).toEqual([
      expect.objectContaining({ path: 'base' }),
      expect.objectContaining({ path: 'base' }),
    ]);
    expect(byKey.get('mixed:bad-11')!.original).toMatchObject({
      valueEncoding: 'base64',
      value: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]).toString('base64'),
    });
    expect(byKey.get('mixed:bad-1')!.original.value).toBe('{"schema": "comp.datapoint.v1", ');
    const quality = await sourceOf(h, 'mixed');
    expect(quality).toMatchObject({ held: 20, rejected: bad.length });
    expect(quality!.rejectedByCode).toMatchObject({
      SCHEMA_VIOLATION: 2,
      OUT_OF_RANGE: 2,
      INVALID_JSON: 1,
    });
  });

  it('shows the data-quality view to comp analysts only', async () => {
    const url = `${h.service!.url}/v1/sources`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      statusCode: 401,
      error: expect.any(String) as unknown,
      message: expect.any(String) as unknown,
    });
    const recruiter = await fetch(url, {
      headers: { authorization: `Bearer ${tokenFor(Role.Recruiter)}` },
    });
    expect(recruiter.status).toBe(403);
    const analyst = await fetch(url, {
      headers: { authorization: `Bearer ${tokenFor(Role.CompAnalyst)}` },
    });
    expect(analyst.status).toBe(200);
  });

  it('exposes health and Prometheus metrics', async () => {
    expect((await fetch(`${h.service!.url}/health/live`)).status).toBe(200);
    expect(await h.service!.getJson('/health/ready')).toMatchObject({ status: 'ok' });
    const metrics = await (await fetch(`${h.service!.url}/metrics`)).text();
    expect(metrics).toMatch(/rangefinder_ingest_accepted_total \d+/);
    expect(metrics).toMatch(/rangefinder_ingest_rejected_total\{code="INVALID_JSON"\} 1/);
    expect(metrics).toMatch(/rangefinder_ingest_consumer_lag\{topic="[^"]+",partition="\d"\} 0/);
    expect(metrics).toContain('rangefinder_ingest_batch_duration_seconds_bucket');
  });
});
