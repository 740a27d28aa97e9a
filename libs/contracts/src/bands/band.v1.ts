export const BAND_SCHEMA = 'comp.band.v1';

export type BandPercentiles = Record<'p10' | 'p25' | 'p50' | 'p75' | 'p90', number | null>;

/** Cell key on `comp.bands.v1`: `<role>|<level>|<zone>`. */
export function cellKey(cell: { role: string; level: string; zone: string }): string {
  return `${cell.role}|${cell.level}|${cell.zone}`;
}

/**
 * §4.3: one published band version. Suppressed figures are null; a band derived from a wider
 * geography names its source in `derivedFrom`.
 */
export interface BandV1 {
  schema: typeof BAND_SCHEMA;
  role: string;
  level: string;
  zone: string;
  version: number;
  effectiveFrom: string;
  currency: string;
  percentiles: BandPercentiles;
  min: number | null;
  mid: number | null;
  max: number | null;
  openEnded: boolean;
  spread: number | null;
  sample: { n: number | null; companies: number | null; sources: string[] };
  confidence: 'high' | 'medium' | 'low' | null;
  derivedFrom: { scope: 'country' | 'global' | 'structure'; key: string } | null;
  policyVersion: number;
  publishedAt: string;
  publishedBy: string;
}
