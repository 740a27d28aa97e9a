import { BAND_SCHEMA, BandV1, RejectionCode } from '@rangefinder/contracts';
import { readContract, type Decoded } from '@rangefinder/messaging';

/** One `comp.bands.v1` message as a validated band; bands are never erased, so a tombstone is refused. */
export function readBand(value: Buffer | null): Decoded<BandV1> {
  if (value === null) {
    return {
      reject: {
        code: RejectionCode.SchemaViolation,
        message: `a tombstone is not a ${BAND_SCHEMA} event`,
        fields: [],
      },
    };
  }
  return readContract(value, BandV1, BAND_SCHEMA);
}
