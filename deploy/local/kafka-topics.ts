// The contracts' DTO classes use decorator metadata at import time; the launcher is an entry point.
import 'reflect-metadata';
import { TOPIC_SPECS, type TopicSpec } from '@rangefinder/contracts';
import { createKafka } from '@rangefinder/messaging';
import { logLevel, type Admin } from 'kafkajs';
import { logStep, since } from './log';

export interface TopicsReport {
  created: string[];
  /** Existed with fewer partitions than the spec; partitions were added. */
  grown: string[];
  unchanged: string[];
  /** Existed with more partitions than the spec; Kafka cannot shrink a topic. */
  wider: string[];
}

/** Creates the project's topics with their partition counts and configs; safe to run again. */
export async function ensureTopics(
  brokers: string,
  specs: readonly TopicSpec[] = TOPIC_SPECS,
): Promise<TopicsReport> {
  const startedAt = Date.now();
  const admin = createKafka(
    { brokers, clientId: 'rangefinder-stack-topics' },
    { logLevel: logLevel.ERROR },
  ).admin();
  await admin.connect();
  try {
    const existing = await partitionCounts(admin, specs);
    const report = await reconcile(admin, specs, existing);
    logStep('topics', `${summarize(report, specs.length)} in ${since(startedAt)}`);
    for (const topic of report.wider) {
      logStep('topics', `warning: ${topic} has more partitions than TOPIC_SPECS asks for`);
    }
    return report;
  } finally {
    await admin.disconnect();
  }
}

/** Pure: what to do for each spec given the partition counts of the topics that exist. */
export function planTopics(
  specs: readonly TopicSpec[],
  existing: ReadonlyMap<string, number>,
): { create: TopicSpec[]; grow: TopicSpec[]; unchanged: string[]; wider: string[] } {
  const plan = {
    create: [] as TopicSpec[],
    grow: [] as TopicSpec[],
    unchanged: [] as string[],
    wider: [] as string[],
  };
  for (const spec of specs) {
    const partitions = existing.get(spec.topic);
    if (partitions === undefined) plan.create.push(spec);
    else if (partitions < spec.partitions) plan.grow.push(spec);
    else if (partitions > spec.partitions) plan.wider.push(spec.topic);
    else plan.unchanged.push(spec.topic);
  }
  return plan;
}

async function reconcile(
  admin: Admin,
  specs: readonly TopicSpec[],
  existing: ReadonlyMap<string, number>,
): Promise<TopicsReport> {
  const plan = planTopics(specs, existing);
  if (plan.create.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: plan.create.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: 1,
        configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  if (plan.grow.length > 0) {
    await admin.createPartitions({
      topicPartitions: plan.grow.map((spec) => ({ topic: spec.topic, count: spec.partitions })),
    });
  }
  return {
    created: plan.create.map((spec) => spec.topic),
    grown: plan.grow.map((spec) => spec.topic),
    unchanged: plan.unchanged,
    wider: plan.wider,
  };
}

async function partitionCounts(
  admin: Admin,
  specs: readonly TopicSpec[],
): Promise<Map<string, number>> {
  const names = new Set<string>(specs.map((spec) => spec.topic));
  const present = (await admin.listTopics()).filter((topic) => names.has(topic));
  if (present.length === 0) return new Map();
  const metadata = await admin.fetchTopicMetadata({ topics: present });
  return new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
}

function summarize(report: TopicsReport, total: number): string {
  const changes = [
    report.created.length > 0 ? `created ${report.created.length}` : '',
    report.grown.length > 0 ? `added partitions to ${report.grown.join(', ')}` : '',
  ].filter(Boolean);
  return `${total} ready${changes.length > 0 ? ` (${changes.join('; ')})` : ''}`;
}
