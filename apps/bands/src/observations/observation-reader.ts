import { OBSERVATION_SCHEMA, ObservationV1, RejectionCode } from '@rangefinder/contracts';
import { readContract, type Decoded } from '@rangefinder/messaging';
import type { CellObservation } from '../cells/cell-observation';

export type ObservationChange =
  { kind: 'put'; observation: CellObservation } | { kind: 'erase'; key: string };

/** The part a band uses, so the store and the cells hold nothing else. */
function cellObservation(o: ObservationV1): CellObservation {
  return {
    key: o.key,
    revision: o.revision,
    source: o.source,
    observedAt: o.observedAt,
    role: o.role,
    level: o.level,
    zone: o.zone,
    country: o.country,
    employmentType: o.employmentType,
    currency: o.currency,
    base: o.base,
    bonus: o.bonus ?? null,
    equity: o.equity ?? null,
    baseUsd: o.baseUsd,
    companyId: o.companyId ?? null,
    weight: o.weight,
  };
}

/**
 * One `comp.observations.v1` message, re-validated at this edge: an observation to store, the
 * erasure of a key (tombstone), or a rejection — a message that does not pass is dead-lettered,
 * never half-used.
 */
export function readObservation(
  key: Buffer | null,
  value: Buffer | null,
): Decoded<ObservationChange> {
  const textKey = key?.toString('utf8') ?? '';
  if (value === null) {
    return textKey
      ? { ok: { kind: 'erase', key: textKey } }
      : {
          reject: {
            code: RejectionCode.SchemaViolation,
            message: 'tombstone without a key',
            fields: [{ path: 'key', problem: 'is missing' }],
          },
        };
  }
  const read = readContract(value, ObservationV1, OBSERVATION_SCHEMA, (o) =>
    o.key === textKey ? [] : [{ path: 'key', problem: 'differs from the message key' }],
  );
  return 'ok' in read ? { ok: { kind: 'put', observation: cellObservation(read.ok) } } : read;
}
