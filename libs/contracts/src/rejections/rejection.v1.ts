import { Topic } from '../topics';

/** §4.2's schema, which other systems read: unchanged. */
export const DATAPOINT_REJECTION_SCHEMA = 'comp.datapoint-rejection.v1';
export const OBSERVATION_REJECTION_SCHEMA = 'comp.observation-rejection.v1';
export const BAND_REJECTION_SCHEMA = 'comp.band-rejection.v1';

/**
 * The schema each dead-letter topic carries: one per consumed topic, so a reader of a DLQ knows
 * which contract the original broke. Every one has the same shape (RejectionV1).
 */
export const REJECTION_SCHEMAS = {
  [Topic.DatapointsDlq]: DATAPOINT_REJECTION_SCHEMA,
  [Topic.ObservationsDlq]: OBSERVATION_REJECTION_SCHEMA,
  [Topic.BandsDlq]: BAND_REJECTION_SCHEMA,
} as const;

export type DeadLetterTopic = keyof typeof REJECTION_SCHEMAS;
export type RejectionSchema = (typeof REJECTION_SCHEMAS)[DeadLetterTopic];

/** §4.2 reason codes, plus the two byte-level checks the contract implies. */
export enum RejectionCode {
  InvalidJson = 'INVALID_JSON',
  InvalidEncoding = 'INVALID_ENCODING',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  SchemaViolation = 'SCHEMA_VIOLATION',
  UnknownCurrency = 'UNKNOWN_CURRENCY',
  UnmappedRole = 'UNMAPPED_ROLE',
  UnmappedLevel = 'UNMAPPED_LEVEL',
  UnknownLocation = 'UNKNOWN_LOCATION',
  OutOfRange = 'OUT_OF_RANGE',
}

export interface FieldProblem {
  path: string;
  problem: string;
}

export interface RejectionReason {
  code: RejectionCode;
  message: string;
  fields: FieldProblem[];
}

/** A dead letter: why a consumed message was refused, and the message itself. */
export interface RejectionV1<S extends RejectionSchema = RejectionSchema> {
  schema: S;
  reason: RejectionReason;
  original: {
    topic: string;
    partition: number;
    offset: string;
    key: string | null;
    /** The original bytes as UTF-8 text, or base64 when they are not valid UTF-8 (see `valueEncoding`). */
    value: string | null;
    valueEncoding: 'utf8' | 'base64';
    headers: Record<string, string>;
  };
  rejectedAt: string;
}

export type DatapointRejectionV1 = RejectionV1<typeof DATAPOINT_REJECTION_SCHEMA>;
export type ObservationRejectionV1 = RejectionV1<typeof OBSERVATION_REJECTION_SCHEMA>;
export type BandRejectionV1 = RejectionV1<typeof BAND_REJECTION_SCHEMA>;
