import { roundToCurrency, spread, type BandEdges, type Confidence } from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import type { SourceRule } from './band-policy';
import type { CoherenceFlag } from './coherence-flag';

/** Where a cell's figures come from; `withdrawn` (published only): a version ending the band in force. */
export type BandBasis =
  'market' | 'blended' | 'survey' | 'derived' | 'structure' | 'suppressed' | 'withdrawn';

export interface SourceShare {
  source: string;
  kind: 'records' | 'survey';
  /** Records in the window, or the survey's respondents. */
  n: number;
  /** A survey's declared weight among the surveys of the cell (records: 1; against surveys, credibility decides). */
  weight: number;
}

/**
 * Why a cell's figures come from where they do: the policy's order, the rule that chose the
 * basis, the rules passed over before it and why, and the credibility of a blend. The public
 * reasons never tell a suppressed pool from an empty one.
 */
export interface SourceSelection {
  order: SourceRule[];
  /** null: no rule gives the cell figures. */
  rule: SourceRule | null;
  passedOver: { rule: SourceRule; reason: PassedOverReason }[];
  credibility: { formula: string; k: number; n: number; z: number } | null;
}

export type PassedOverReason = 'too-few-records' | 'no-survey' | 'survey-incomplete';

export interface Provenance {
  policyVersion: number;
  effectiveDate: string;
  window: { from: string; to: string };
  aging: { annualRate: number; medianMonths: number | null };
  employmentTypes: string[];
  sources: SourceShare[];
  structure: { id: number; name: string; rounding: string; payCap: number | null } | null;
  selection: SourceSelection;
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
  /** Coherence invariants this draft breaks (§2 Coherence); a flagged draft needs an override to publish. */
  flags: CoherenceFlag[];
  /** For comp analysts only, never published: the cell's own figures before suppression. */
  review: {
    n: number;
    companies: number | null;
    largestCompanyShare: number | null;
    suppressionReasons: string[];
    percentiles: BandPercentiles | null;
    /** Each records-based rule's pool as the suppression rules saw it. */
    candidates: { rule: SourceRule; n: number; reasons: string[] }[];
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
