import type { Producer, ProducerRecord, RecordMetadata } from 'kafkajs';
import { CliError } from '../cli-error';
import type { DatapointMessage } from './datapoint-sink';
import { KafkaDatapointSink } from './kafka-datapoint-sink';

/** Stands in for the producer only to observe the in-flight window; real sends are checked against a broker. */
class HeldProducer implements Pick<Producer, 'send' | 'disconnect'> {
  readonly records: ProducerRecord[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    this.records.push(record);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<RecordMetadata[]>((resolve, reject) => {
      this.pending.push({
        resolve: () => {
          this.inFlight -= 1;
          resolve([]);
        },
        reject: (error) => {
          this.inFlight -= 1;
          reject(error);
        },
      });
    });
  }

  acknowledgeOldest(): void {
    this.pending.shift()?.resolve();
  }

  failOldest(error: Error): void {
    this.pending.shift()?.reject(error);
  }

  async disconnect(): Promise<void> {}
}

const SETTINGS = {
  brokers: '127.0.0.1:9092',
  topic: 'comp.datapoints.v1',
  compression: 'none' as const,
  maxInFlight: 2,
};
const batch = (n: number): DatapointMessage[] =>
  Array.from({ length: n }, (_, i) => ({ key: `ai-jobs:${i + 2}`, value: '{}' }));
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KafkaDatapointSink', () => {
  it('sends with acks from all in-sync replicas to the configured topic', async () => {
    const producer = new HeldProducer();
    const sink = new KafkaDatapointSink(producer, SETTINGS);
    await sink.send(batch(3));
    expect(producer.records[0]).toMatchObject({
      topic: 'comp.datapoints.v1',
      acks: -1,
      messages: batch(3),
    });
  });

  it('keeps at most maxInFlight batches unacknowledged and counts what was acknowledged', async () => {
    const producer = new HeldProducer();
    const sink = new KafkaDatapointSink(producer, SETTINGS);
    await sink.send(batch(2));
    await sink.send(batch(2));
    let thirdHandedOver = false;
    const third = sink.send(batch(1)).then(() => (thirdHandedOver = true));
    await settle();
    expect(thirdHandedOver).toBe(false);
    producer.acknowledgeOldest();
    await third;
    expect(producer.maxInFlight).toBe(2);
    expect(sink.sent).toBe(2);
    producer.acknowledgeOldest();
    producer.acknowledgeOldest();
    await sink.drain();
    expect(sink.sent).toBe(5);
  });

  it('turns a failed send into one actionable error naming topic and brokers', async () => {
    const producer = new HeldProducer();
    const sink = new KafkaDatapointSink(producer, SETTINGS);
    await sink.send(batch(2));
    producer.failOldest(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'));
    const failure = sink.drain();
    await expect(failure).rejects.toThrow(CliError);
    await expect(sink.drain()).rejects.toThrow(
      /sending to comp.datapoints.v1 on 127.0.0.1:9092 failed after retries: Connection error.*0 datapoints were acknowledged/,
    );
  });
});
