import 'reflect-metadata';
import { TOPIC_SPECS, Topic } from '@rangefinder/contracts';
import { planTopics } from './kafka-topics';

describe('planTopics', () => {
  it('creates every topic on an empty broker', () => {
    const plan = planTopics(TOPIC_SPECS, new Map());
    expect(plan.create.map((spec) => spec.topic)).toEqual(TOPIC_SPECS.map((spec) => spec.topic));
    expect(plan.grow).toEqual([]);
  });

  it('adds partitions to a narrower topic and leaves matching and wider ones alone', () => {
    const existing = new Map<string, number>([
      [Topic.Datapoints, 3],
      [Topic.DatapointsDlq, 3],
      [Topic.Observations, 12],
    ]);
    const plan = planTopics(TOPIC_SPECS, existing);
    expect(plan.grow.map((spec) => [spec.topic, spec.partitions])).toEqual([[Topic.Datapoints, 6]]);
    expect(plan.unchanged).toEqual([Topic.DatapointsDlq]);
    expect(plan.wider).toEqual([Topic.Observations]);
    expect(plan.create.map((spec) => spec.topic)).toEqual([
      Topic.ObservationsDlq,
      Topic.Bands,
      Topic.BandsDlq,
      Topic.Offers,
    ]);
  });

  it('does nothing when every topic matches', () => {
    const existing = new Map(TOPIC_SPECS.map((spec) => [spec.topic, spec.partitions]));
    const plan = planTopics(TOPIC_SPECS, existing);
    expect(plan.create).toEqual([]);
    expect(plan.grow).toEqual([]);
    expect(plan.unchanged).toHaveLength(TOPIC_SPECS.length);
  });
});
