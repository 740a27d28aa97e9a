/** Every Kafka topic the project owns, with the settings it is created with (never broker auto-creation). */
export enum Topic {
  Datapoints = 'comp.datapoints.v1',
  DatapointsDlq = 'comp.datapoints.dlq.v1',
  /** Ingest's hand-off to the bands service: normalized observations, compacted by key, tombstone = erased. */
  Observations = 'comp.observations.v1',
  /** Hand-off messages the bands service could not read (a producer bug, never silently dropped). */
  ObservationsDlq = 'comp.observations.dlq.v1',
  Bands = 'comp.bands.v1',
  /** Band events the offers service could not read. */
  BandsDlq = 'comp.bands.dlq.v1',
  Offers = 'comp.offers.v1',
}

export interface TopicSpec {
  /** The topic's name on the broker (see physicalTopic). */
  topic: string;
  partitions: number;
  config: Record<string, string>;
}

/**
 * A dead letter carries its original whole: an input message near the broker's 1 MiB limit grows
 * past it as base64 (4/3) or as JSON-escaped text (control characters: 6×). The default limit
 * made such a letter unsendable and stopped the outbox behind it, so dead-letter topics take 8 MiB.
 */
const DEAD_LETTER_CONFIG = {
  'retention.ms': String(30 * 24 * 3600 * 1000),
  'max.message.bytes': String(8 * 1024 * 1024),
};

export const TOPIC_SPECS: readonly TopicSpec[] = [
  { topic: Topic.Datapoints, partitions: 6, config: { 'cleanup.policy': 'compact' } },
  {
    topic: Topic.DatapointsDlq,
    partitions: 3,
    config: DEAD_LETTER_CONFIG,
  },
  { topic: Topic.Observations, partitions: 6, config: { 'cleanup.policy': 'compact' } },
  {
    topic: Topic.ObservationsDlq,
    partitions: 3,
    config: DEAD_LETTER_CONFIG,
  },
  { topic: Topic.Bands, partitions: 6, config: { 'cleanup.policy': 'compact' } },
  {
    topic: Topic.BandsDlq,
    partitions: 1,
    config: DEAD_LETTER_CONFIG,
  },
  { topic: Topic.Offers, partitions: 6, config: { 'retention.ms': '-1' } },
];

/**
 * The name a topic has on the broker. A namespace (deployment setting `KAFKA_TOPIC_NAMESPACE`,
 * e.g. `staging.`) lets several deployments or test runs share one cluster; it is empty in
 * production, where the contract names apply as they are.
 */
export function physicalTopic(topic: Topic, namespace = ''): string {
  return `${namespace}${topic}`;
}

/** The project's topic specs under a namespace. */
export function topicSpecs(namespace = ''): TopicSpec[] {
  return TOPIC_SPECS.map((spec) => ({ ...spec, topic: `${namespace}${spec.topic}` }));
}
