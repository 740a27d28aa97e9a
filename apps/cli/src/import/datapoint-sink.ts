export const IMPORT_COMPRESSIONS = ['none', 'gzip'] as const;
export type ImportCompression = (typeof IMPORT_COMPRESSIONS)[number];

/** One `comp.datapoints.v1` message: key `<source>:<sourceRecordId>`, value the JSON datapoint. */
export interface DatapointMessage {
  key: string;
  value: string;
}

/** Where validated datapoints go: Kafka, or nowhere in a dry run. */
export interface DatapointSink {
  /** Resolves once the batch is handed over; may first wait for earlier batches (back-pressure). */
  send(batch: DatapointMessage[]): Promise<void>;
  /** Resolves when every batch handed over has been acknowledged. */
  drain(): Promise<void>;
  close(): Promise<void>;
  /** Datapoints acknowledged so far. */
  readonly sent: number;
  /** Partitions of the topic written to, when there is one. */
  readonly partitions?: number;
}

export class DryRunSink implements DatapointSink {
  readonly sent = 0;

  async send(): Promise<void> {}

  async drain(): Promise<void> {}

  async close(): Promise<void> {}
}
