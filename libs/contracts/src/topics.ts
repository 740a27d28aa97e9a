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

export const TOPIC_SPECS: readonly TopicSpec[] = [
  { topic: Topic.Datapoints, partitions: 6, config: { 'cleanup.policy': 'compact' } },
  {
    topic: Topic.DatapointsDlq,
    partitions: 3,
    config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
  },
  { topic: Topic.Observations, partitions: 6, config: { 'cleanup.policy': 'compact' } },
  {
    topic: Topic.ObservationsDlq,
    partitions: 3,
    config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
  },
  { topic: Topic.Bands, partitions: 6, config: { 'cleanup.policy': 'compact' } },
  {
    topic: Topic.BandsDlq,
    partitions: 1,
    config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
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
