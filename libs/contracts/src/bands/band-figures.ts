/** What every reader of a published version needs to know of its range. */
export interface BandRange {
  min: number | null;
  mid: number | null;
  max: number | null;
}

/**
 * A published version publishes a band only with its range. A version without one is a withdrawal
 * (its cell's figures can no longer be published, or its records are gone): from its effective
 * date no band applies, exactly as for a cell that never had data.
 */
export function hasFigures(band: BandRange): boolean {
  return band.min !== null && band.mid !== null && band.max !== null;
}

/** The band in force from the version that applies: none when that version is a withdrawal. */
export function inForce<B extends BandRange>(version: B | undefined): B | undefined {
  return version && hasFigures(version) ? version : undefined;
}
