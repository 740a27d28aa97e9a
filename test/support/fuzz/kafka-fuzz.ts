import fc from 'fast-check';
import type { RejectionV1 } from '@rangefinder/contracts';
import type { IngestHarness } from '../ingest-harness';
import { waitFor } from '../ingest-process';
import type { FuzzedTopic } from './kafka-contracts';
import { giantMessages, hostileMessage, mutatedMessage, type FuzzMessage } from './kafka-mutations';

/** A message as the broker stored it. */
export interface SentMessage extends FuzzMessage {
  partition: number;
  offset: string;
}

export interface TopicOutcome {
  topic: string;
  tried: number;
  byOutcome: Map<string, number>;
  /** Messages neither stored nor dead-lettered (or both), with why. */
  failures: { what: string; kind: string; at: string; outcome: string; value: string }[];
}

/** `count` messages for a topic, seeded: valid, one field mutated, or hostile; plus two giants. */
export function planMessages(topic: FuzzedTopic, seed: number, count: number): FuzzMessage[] {
  const planned = Array.from({ length: count }, (_, i) => {
    const message = topic.valid(i).chain(({ key, value }) =>
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constant<FuzzMessage>({
            kind: 'valid',
            what: 'none',
            key,
            value: JSON.stringify(value),
          }),
        },
        { weight: 4, arbitrary: mutatedMessage(key, value) },
        { weight: 2, arbitrary: hostileMessage(key, value) },
      ),
    );
    return fc.sample(message, { seed: seed + i, numRuns: 1 })[0];
  });
  return [...planned, ...giantMessages((i) => `giant-${i}`)];
}

/**
 * Produces the messages with explicit partitions and records the offset the broker gave each, so
 * every outcome (a stored row, a dead letter naming its original offset) traces back to one message.
 */
export async function produceAll(
  h: IngestHarness,
  topic: FuzzedTopic,
  messages: FuzzMessage[],
  partitions: number,
): Promise<SentMessage[]> {
  const sent: SentMessage[] = [];
  const batch = 200;
  for (let start = 0; start < messages.length; start += batch) {
    const slice = messages
      .slice(start, start + batch)
      .map((m, i) => ({ ...m, partition: (start + i) % partitions }));
    // A giant alone in its request: two would pass the broker's limit together.
    const requests = slice.some((m) => (m.value?.length ?? 0) > 100_000)
      ? slice.map((m) => [m])
      : [slice];
    for (const request of requests) {
      const written = await h.produce(
        request.map(({ key, value, headers, partition }) => ({ key, value, headers, partition })),
        request.length,
        topic.topic,
      );
      const base = new Map(written.map((w) => [w.partition, BigInt(w.baseOffset ?? '0')]));
      const seen = new Map<number, bigint>();
      for (const m of request) {
        const n = seen.get(m.partition) ?? 0n;
        seen.set(m.partition, n + 1n);
        sent.push({ ...m, offset: String(base.get(m.partition)! + n) });
      }
    }
  }
  return sent;
}

const text = (value: string | Buffer | null) => (value === null ? null : value.toString());

function parsed(value: string | Buffer | null): unknown {
  try {
    return value === null ? undefined : (JSON.parse(value.toString()) as unknown);
  } catch {
    return undefined;
  }
}

/** Waits until the consumer applied everything and its outbox (dead letters) is sent. */
export async function settled(
  h: IngestHarness,
  topic: FuzzedTopic,
  timeoutMs: number,
): Promise<void> {
  await h.consumerDrained(topic.schema, topic.topic, undefined, timeoutMs);
  await waitFor(
    `${topic.schema} to send its outbox`,
    async () =>
      (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${topic.schema}".outbox`))[0]
        .n === 0,
    timeoutMs,
    200,
  );
}

/** Each message's outcome: stored, or dead-lettered with its code — anything else is a failure. */
export async function outcomes(
  h: IngestHarness,
  topic: FuzzedTopic,
  sent: SentMessage[],
): Promise<TopicOutcome> {
  const physical = h.topic(topic.topic);
  const letters = new Map<string, RejectionV1>();
  for (const record of await h.readTopic(topic.deadLetters)) {
    const letter = JSON.parse(record.value ?? 'null') as RejectionV1;
    if (letter.original.topic === physical)
      letters.set(`${letter.original.partition}:${letter.original.offset}`, letter);
  }
  const stored = await topic.stored(h);
  const report: TopicOutcome = {
    topic: topic.topic,
    tried: sent.length,
    byOutcome: new Map(),
    failures: [],
  };
  for (const m of sent) {
    const at = `${m.partition}:${m.offset}`;
    const letter = letters.get(at);
    const id = topic.identity(m, parsed(m.value));
    const isStored = id !== undefined && stored.has(id);
    // A tombstone erases its key (one no message stored is nothing to erase) unless refused.
    const outcome =
      letter && isStored
        ? 'both stored and dead-lettered'
        : letter
          ? `dead-lettered ${letter.reason?.code}`
          : isStored
            ? 'stored'
            : m.value === null
              ? 'erased'
              : 'lost';
    report.byOutcome.set(outcome, (report.byOutcome.get(outcome) ?? 0) + 1);
    const reasonless =
      letter && !(letter.reason?.code && typeof letter.reason.message === 'string');
    if (outcome === 'lost' || (letter && isStored) || reasonless) {
      report.failures.push({
        what: m.what,
        kind: m.kind,
        at,
        outcome: reasonless ? 'dead letter without a reason' : outcome,
        value: (text(m.value) ?? 'null').slice(0, 200),
      });
    }
  }
  return report;
}
