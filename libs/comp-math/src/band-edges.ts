import { type PercentileKey, PERCENTILE_RANKS } from './percentiles';

export type LadderKind = 'ic' | 'management' | 'executive';

/** Which published percentile becomes each band edge; open-ended bands show their max with "+". */
export interface BandPolicy {
  min: PercentileKey;
  mid: PercentileKey;
  max: PercentileKey;
  openEnded: boolean;
}

export interface BandEdges {
  min: number;
  mid: number;
  max: number;
  openEnded: boolean;
}

/** Percentiles as published: a suppressed figure is null or absent. */
export type PublishedPercentiles = Partial<Record<PercentileKey, number | null>>;

export const DEFAULT_BAND_POLICIES: Readonly<Record<LadderKind, BandPolicy>> = {
  ic: { min: 'p25', mid: 'p50', max: 'p75', openEnded: false },
  management: { min: 'p25', mid: 'p50', max: 'p75', openEnded: false },
  executive: { min: 'p25', mid: 'p50', max: 'p90', openEnded: true },
};

export function assertBandPolicy(policy: BandPolicy): void {
  const [min, mid, max] = [policy.min, policy.mid, policy.max].map((key) => PERCENTILE_RANKS[key]);
  if (min === undefined || mid === undefined || max === undefined || !(min <= mid && mid <= max)) {
    throw new RangeError(
      `band policy needs known percentiles with min ≤ mid ≤ max, got ${JSON.stringify(policy)}`,
    );
  }
}

/** The band a policy draws from the percentiles, or null when any edge it needs is suppressed. */
export function bandEdges(percentiles: PublishedPercentiles, policy: BandPolicy): BandEdges | null {
  assertBandPolicy(policy);
  const min = percentiles[policy.min];
  const mid = percentiles[policy.mid];
  const max = percentiles[policy.max];
  if (min == null || mid == null || max == null) return null;
  return { min, mid, max, openEnded: policy.openEnded };
}
