import { roundToCurrency, spread, type BandEdges, type Confidence } from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';

/** Where a cell's figures come from. */
export type BandBasis = 'market' | 'blended' | 'survey' | 'derived' | 'structure' | 'suppressed';

export interface SourceShare {
  source: string;
  kind: 'records' | 'survey';
  /** Records in the window, or the survey's respondents. */
  n: number;
  /** Declared blend weight (records weigh 1). */
  weight: number;
}

export interface Provenance {
  policyVersion: number;
  effectiveDate: string;
  window: { from: string; to: string };
  aging: { annualRate: number; medianMonths: number | null };
  employmentTypes: string[];
  sources: SourceShare[];
  structure: { id: number; name: string; rounding: string; payCap: number | null } | null;
}

/** A cell's band as computed now: public figures (suppression applied) plus the analyst's view. */
export interface CellDraft {
  key: string;
  role: string;
  level: string;
  zone: string;
  currency: string;
  basis: BandBasis;
  percentiles: BandPercentiles;
  min: number | null;
  mid: number | null;
  max: number | null;
  openEnded: boolean;
  spread: number | null;
  /** Bonus and equity percentiles, each over the records that report it (§2: never summed). */
  components: { bonus: BandPercentiles | null; equity: BandPercentiles | null };
  sample: { n: number | null; companies: number | null; sources: string[] };
  confidence: Confidence | null;
  derivedFrom: { scope: 'country' | 'global' | 'structure'; key: string; scale?: number } | null;
  provenance: Provenance;
  /** For comp analysts only, never published: the cell's own figures before suppression. */
  review: {
    n: number;
    companies: number | null;
    largestCompanyShare: number | null;
    suppressionReasons: string[];
    percentiles: BandPercentiles | null;
  };
}

export const NO_PERCENTILES: BandPercentiles = {
  p10: null,
  p25: null,
  p50: null,
  p75: null,
  p90: null,
};

/** Publishes market, derived or structure edges on a draft: money, half-up to its currency. */
export function setEdges(draft: CellDraft, edges: BandEdges): void {
  draft.min = roundToCurrency(edges.min, draft.currency);
  draft.mid = roundToCurrency(edges.mid, draft.currency);
  draft.max = roundToCurrency(edges.max, draft.currency);
  draft.openEnded = edges.openEnded;
  draft.spread = draft.min > 0 ? spread(draft.min, draft.max) : null;
}
