import type { BandEdges, PublishedPercentiles } from './band-edges';
import { type ConfidenceLevel, lowerConfidence } from './confidence';
import { PERCENTILE_KEYS } from './percentiles';

/** Geographies wider than a zone, nearest first. */
export type WiderGeography = 'country' | 'global';

const GEOGRAPHY_DISTANCE: Readonly<Record<WiderGeography, number>> = { country: 1, global: 2 };

export interface FallbackCandidate {
  scope: WiderGeography;
  /** The source cell, e.g. 'data-scientist|IC3|US'. */
  key: string;
  band: BandEdges | null;
  percentiles?: PublishedPercentiles;
  /** The candidate geography's differential to the anchor zone, as a multiplier (1.00 = anchor). */
  differential: number;
  confidence: ConfidenceLevel;
}

export interface DerivedBand {
  band: BandEdges;
  percentiles?: PublishedPercentiles;
  derivedFrom: { scope: WiderGeography; key: string };
  /** target differential / candidate differential. */
  scale: number;
  confidence: ConfidenceLevel;
}

/**
 * A suppressed zone's band from the nearest wider geography that has one (country before global),
 * rescaled from the candidate's differential to the zone's. Candidates must already be in the
 * zone's currency. Confidence drops one level per step of distance (country −1, global −2), so a
 * derived band is never `high`.
 */
export function deriveFromWiderGeography(
  targetDifferential: number,
  candidates: readonly FallbackCandidate[],
): DerivedBand | null {
  assertDifferential(targetDifferential);
  const source = candidates
    .filter((candidate) => candidate.band !== null)
    .reduce<FallbackCandidate | null>(
      (best, candidate) =>
        best && GEOGRAPHY_DISTANCE[best.scope] <= GEOGRAPHY_DISTANCE[candidate.scope]
          ? best
          : candidate,
      null,
    );
  if (!source?.band) return null;
  assertDifferential(source.differential);
  const scale = targetDifferential / source.differential;
  const { min, mid, max, openEnded } = source.band;
  const derived: DerivedBand = {
    band: { min: min * scale, mid: mid * scale, max: max * scale, openEnded },
    derivedFrom: { scope: source.scope, key: source.key },
    scale,
    confidence: lowerConfidence(source.confidence, GEOGRAPHY_DISTANCE[source.scope]),
  };
  if (source.percentiles) {
    const published = source.percentiles;
    derived.percentiles = Object.fromEntries(
      PERCENTILE_KEYS.map((key) => [key, published[key] == null ? null : published[key] * scale]),
    );
  }
  return derived;
}

function assertDifferential(differential: number): void {
  if (!Number.isFinite(differential) || differential <= 0) {
    throw new RangeError(
      `zone differential must be a multiplier > 0 (0.90 = −10 %), got ${differential}`,
    );
  }
}
