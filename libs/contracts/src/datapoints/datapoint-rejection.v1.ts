export const DATAPOINT_REJECTION_SCHEMA = 'comp.datapoint-rejection.v1';

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

export interface DatapointRejectionV1 {
  schema: typeof DATAPOINT_REJECTION_SCHEMA;
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
