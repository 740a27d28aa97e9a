import { isDeepStrictEqual } from 'node:util';
import { BAND_SCHEMA, type BandV1 } from '@rangefinder/contracts';
import type { CellDraft } from '../cells/cell-draft';

/** A published band version as stored and served: the draft's public part, never its review. */
export type PublishedBand = Omit<CellDraft, 'review'> & {
  version: number;
  effectiveFrom: string;
  publishedAt: string;
  publishedBy: string;
};

/** The part of a band that a publication would change. */
function fingerprint(band: Omit<CellDraft, 'review'>) {
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
export function sameBand(a: Omit<CellDraft, 'review'>, b: Omit<CellDraft, 'review'>): boolean {
  return isDeepStrictEqual(fingerprint(a), fingerprint(b));
}

export function publicPart(draft: CellDraft): Omit<CellDraft, 'review'> {
  const { review: _review, ...band } = draft;
  return band;
}

/** §4.3's event for a published version; extra fields (basis, provenance) are additive. */
export function bandEvent(
  band: PublishedBand,
): BandV1 & Pick<PublishedBand, 'basis' | 'provenance'> {
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
  };
}
