import { TOPIC_SPECS, Topic } from '@rangefinder/contracts';
import { IngestHarness } from '../support/ingest-harness';
import type { ServiceProcess } from '../support/ingest-process';
import { fuzzSummary } from '../support/fuzz/fuzz-summary';
import { fuzzHttp, type HttpFuzzReport } from '../support/fuzz/http-fuzz';
import { BANDS, DATAPOINTS, OBSERVATIONS, type FuzzedTopic } from '../support/fuzz/kafka-contracts';
import {
  outcomes,
  planMessages,
  produceAll,
  settled,
  type SentMessage,
  type TopicOutcome,
} from '../support/fuzz/kafka-fuzz';
import { fetchOperations } from '../support/fuzz/openapi';

/** Fixed by default so a failure reproduces; FUZZ_SEED explores other inputs. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REQUESTS_PER_OPERATION = 100;
const MESSAGES_PER_TOPIC = 2000;
const TOPICS = [DATAPOINTS, OBSERVATIONS, BANDS];

const partitionsOf = (topic: Topic) =>
  TOPIC_SPECS.find((s) => s.topic === String(topic))!.partitions;

describe('fuzz: generated HTTP requests and Kafka messages against the real services', () => {
  const h = new IngestHarness('fuzz');
  const started = Date.now();
  let services: Record<string, ServiceProcess>;
  const sent = new Map<FuzzedTopic, SentMessage[]>();
  let http: HttpFuzzReport | undefined;
  const topicOutcomes: TopicOutcome[] = [];

  /** Produced while the services start, so the consumers work through them during the HTTP fuzz. */
  async function produceFuzz(): Promise<void> {
    for (const topic of TOPICS) {
      const messages = planMessages(topic, SEED, MESSAGES_PER_TOPIC);
      sent.set(topic, await produceAll(h, topic, messages, partitionsOf(topic.topic)));
    }
  }

  beforeAll(async () => {
    await h.setUp();
    const [ingest, bands, offers] = await Promise.all([
      h.startIngest(),
      h.startBands(),
      h.startService('offers', { OFFERS_CONSUMER_GROUP: `${h.namespace}offers` }),
      produceFuzz(),
    ]);
    services = { ingest, bands, offers };
  });

  afterAll(async () => {
    console.log(fuzzSummary(SEED, http, topicOutcomes, (Date.now() - started) / 1000));
    await services?.offers.stop();
    await h.tearDown();
  });

  it('answers every request from the OpenAPI documents below 500, 4xx in the one error shape naming a field', async () => {
    const operations = (
      await Promise.all(Object.entries(services).map(([name, s]) => fetchOperations(name, s.url)))
    ).flat();
    expect(operations.length).toBeGreaterThan(20);
    http = await fuzzHttp(
      operations,
      Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.url])),
      { seed: SEED, perOperation: REQUESTS_PER_OPERATION, concurrency: 8 },
    );
    expect({ failures: http.failures.length, first: http.failures.slice(0, 100) }).toEqual({
      failures: 0,
      first: [],
    });
  });

  it('stores or dead-letters (with a reason) every message produced to every input topic', async () => {
    for (const topic of TOPICS) {
      await settled(h, topic, 120_000);
      topicOutcomes.push(await outcomes(h, topic, sent.get(topic)!));
    }
    const failures = topicOutcomes.flatMap((t) =>
      t.failures.map((f) => ({ topic: t.topic, ...f })),
    );
    expect({ failures: failures.length, first: failures.slice(0, 100) }).toEqual({
      failures: 0,
      first: [],
    });
  });

  it('keeps every consumer running: a valid message after the fuzz is stored', async () => {
    for (const topic of TOPICS) {
      const { key, value } = topic.sentinel(MESSAGES_PER_TOPIC + 1);
      const after = await produceAll(
        h,
        topic,
        [{ kind: 'valid', what: 'after the fuzz', key, value: JSON.stringify(value) }],
        1,
      );
      await settled(h, topic, 60_000);
      const outcome = await outcomes(h, topic, after);
      expect({ topic: topic.topic, outcomes: [...outcome.byOutcome] }).toEqual({
        topic: topic.topic,
        outcomes: [['stored', 1]],
      });
    }
  });

  it('keeps every service process alive and live', async () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, exitCode: service.child.exitCode }).toEqual({ name, exitCode: null });
      expect({ name, status: (await fetch(`${service.url}/health/live`)).status }).toEqual({
        name,
        status: 200,
      });
    }
  });
});
