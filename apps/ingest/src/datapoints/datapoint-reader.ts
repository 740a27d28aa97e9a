import { isUtf8 } from 'node:buffer';
import { validateSync } from 'class-validator';
import {
  DatapointLocationV1,
  DatapointV1,
  RejectionCode,
  SOURCE_PATTERN,
  datapointKey,
  fieldProblems,
  type FieldProblem,
  type RejectionReason,
} from '@rangefinder/contracts';
import { isTextSafe } from '@rangefinder/messaging';

export type ReadResult =
  | { kind: 'datapoint'; datapoint: DatapointV1 }
  | { kind: 'tombstone'; source: string; sourceRecordId: string }
  | { kind: 'rejected'; reason: RejectionReason; source?: string };

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

export function rejection(
  code: RejectionCode,
  message: string,
  fields: FieldProblem[] = [],
): RejectionReason {
  return { code, message, fields };
}

/** Splits a `<source>:<sourceRecordId>` key; undefined when it is not one. */
export function parseKey(
  key: string | null,
): { source: string; sourceRecordId: string } | undefined {
  if (key === null) return undefined;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const source = key.slice(0, colon);
  const sourceRecordId = key.slice(colon + 1);
  if (!SOURCE_PATTERN.test(source) || sourceRecordId.length < 1 || sourceRecordId.length > 128)
    return undefined;
  return { source, sourceRecordId };
}

/**
 * Gives parsed JSON the contract's prototypes so class-validator can check it. Cheaper than
 * class-transformer's copy on the ingest hot path; every field is still validated.
 */
function asContract(value: Record<string, unknown>): DatapointV1 {
  const location = value.location;
  if (location !== null && typeof location === 'object' && !Array.isArray(location)) {
    Object.setPrototypeOf(location, DatapointLocationV1.prototype);
  }
  return Object.setPrototypeOf(value, DatapointV1.prototype) as DatapointV1;
}

/** Turns the raw bytes of one `comp.datapoints.v1` message into a contract instance, a tombstone, or a rejection. */
export function readDatapoint(
  rawKey: Buffer | null,
  rawValue: Buffer | null,
  maxBytes = DEFAULT_MAX_MESSAGE_BYTES,
): ReadResult {
  // A key that is not text-safe (invalid UTF-8, NUL) can name no record.
  const key = rawKey === null ? null : isTextSafe(rawKey) ? rawKey.toString('utf8') : '\uFFFD';
  const keyed = parseKey(key);
  if (rawValue === null) {
    if (!keyed) {
      return {
        kind: 'rejected',
        reason: rejection(
          RejectionCode.SchemaViolation,
          'a tombstone needs a key of the form <source>:<sourceRecordId>',
          [
            {
              path: 'key',
              problem: key === null ? 'is missing' : 'must be <source>:<sourceRecordId>',
            },
          ],
        ),
      };
    }
    return { kind: 'tombstone', ...keyed };
  }
  const source = keyed?.source;
  if (rawValue.length > maxBytes) {
    return {
      kind: 'rejected',
      source,
      reason: rejection(
        RejectionCode.PayloadTooLarge,
        `value is ${rawValue.length} bytes; the limit is ${maxBytes}`,
      ),
    };
  }
  if (!isUtf8(rawValue)) {
    return {
      kind: 'rejected',
      source,
      reason: rejection(RejectionCode.InvalidEncoding, 'value is not valid UTF-8'),
    };
  }
  const text = rawValue.toString('utf8');
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail the whole chunk's transaction.
  if (text.includes('\\u0000')) {
    return {
      kind: 'rejected',
      source,
      reason: rejection(
        RejectionCode.SchemaViolation,
        'strings must not contain the NUL character (\\u0000)',
        [{ path: '', problem: 'contains \\u0000' }],
      ),
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'rejected',
      source,
      reason: rejection(
        RejectionCode.InvalidJson,
        `value is not JSON: ${(error as Error).message}`,
      ),
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      kind: 'rejected',
      source,
      reason: rejection(RejectionCode.SchemaViolation, 'value must be a JSON object', [
        { path: '', problem: 'must be an object' },
      ]),
    };
  }
  const datapoint = asContract(parsed as Record<string, unknown>);
  const problems = fieldProblems(validateSync(datapoint));
  const bodySource =
    typeof datapoint.source === 'string' && SOURCE_PATTERN.test(datapoint.source)
      ? datapoint.source
      : source;
  if (problems.length === 0 && key !== datapointKey(datapoint.source, datapoint.sourceRecordId)) {
    problems.push({
      path: 'key',
      problem: `must equal <source>:<sourceRecordId> ("${datapointKey(datapoint.source, datapoint.sourceRecordId)}")`,
    });
  }
  if (problems.length > 0) {
    const paths = [...new Set(problems.map((p) => p.path))].join(', ');
    return {
      kind: 'rejected',
      source: bodySource,
      reason: rejection(
        RejectionCode.SchemaViolation,
        `value violates comp.datapoint.v1 at: ${paths}`,
        problems,
      ),
    };
  }
  return { kind: 'datapoint', datapoint };
}
