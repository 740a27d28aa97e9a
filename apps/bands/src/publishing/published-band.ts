import { isDeepStrictEqual } from 'node:util';
import { BAND_SCHEMA, type BandV1 } from '@rangefinder/contracts';
import type { CellDraft } from '../cells/cell-draft';
import type { CoherenceFlag } from '../cells/coherence-flag';

/** A draft's public part: what a published version holds of it (never its review or flags). */
export type PublicBand = Omit<CellDraft, 'review' | 'flags'>;

/** Who published a band that breaks a coherence invariant, and why. */
export interface CoherenceOverride {
  by: string;
  reason: string;
  at: string;
  flags: CoherenceFlag[];
}

/** A published band version as stored and served. */
export type PublishedBand = PublicBand & {
  version: number;
  effectiveFrom: string;
  publishedAt: string;
  publishedBy: string;
  /** Present when the version was published despite coherence flags. */
  override?: CoherenceOverride;
};

/** The part of a band that a publication would change. */
function fingerprint(band: PublicBand) {
  const {
    basis,
    currency,
    percentiles,
    min,
    mid,
    max,
    openEnded,
    components,
    sample,
    derivedFrom,
  } = band;
  return {
    basis,
    currency,
    percentiles,
    min,
    mid,
    max,
    openEnded,
    components,
    sample,
    derivedFrom,
    confidence: band.confidence?.level ?? null,
    policyVersion: band.provenance.policyVersion,
  };
}

/** Same figures: publishing would add an empty version. Key order is irrelevant (jsonb reorders keys). */
export function sameBand(a: PublicBand, b: PublicBand): boolean {
  return isDeepStrictEqual(fingerprint(a), fingerprint(b));
}

export function publicPart(draft: CellDraft): PublicBand {
  const { review: _review, flags: _flags, ...band } = draft;
  return band;
}

/** §4.3's event for a published version; extra fields (basis, provenance) are additive. */
export function bandEvent(
  band: PublishedBand,
): BandV1 & Pick<PublishedBand, 'basis' | 'provenance' | 'override'> {
  return {
    schema: BAND_SCHEMA,
    role: band.role,
    level: band.level,
    zone: band.zone,
    version: band.version,
    effectiveFrom: band.effectiveFrom,
    currency: band.currency,
    percentiles: band.percentiles,
    min: band.min,
    mid: band.mid,
    max: band.max,
    openEnded: band.openEnded,
    spread: band.spread,
    sample: band.sample,
    confidence: band.confidence?.level ?? null,
    derivedFrom: band.derivedFrom && { scope: band.derivedFrom.scope, key: band.derivedFrom.key },
    policyVersion: band.provenance.policyVersion,
    publishedAt: band.publishedAt,
    publishedBy: band.publishedBy,
    basis: band.basis,
    provenance: band.provenance,
    ...(band.override ? { override: band.override } : {}),
  };
}
