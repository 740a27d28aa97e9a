import {
  DEFAULT_AGING_RATE,
  DEFAULT_BAND_POLICIES,
  DEFAULT_SUPPRESSION_RULES,
  DEFAULT_WINDOW_MONTHS,
  type BandPolicy,
  type SuppressionRules,
} from '@rangefinder/comp-math';
import type { EmploymentType } from '@rangefinder/contracts';
import type { LadderKind } from '@rangefinder/catalogue';

/**
 * Where a cell's figures may come from (§2 Fallback): its zone's own records, a derivation from
 * its country's pool or the global pool (× the zone's differential), or a survey alone.
 */
export const SOURCE_RULES = ['own-records', 'country-pool', 'survey', 'global-pool'] as const;
export type SourceRule = (typeof SOURCE_RULES)[number];

/**
 * Default order: a records-based derivation that meets the minimum before a survey alone, since a
 * survey maps a whole occupation onto one level.
 */
export const DEFAULT_PRECEDENCE: readonly SourceRule[] = SOURCE_RULES;

/**
 * Survey credibility `K` (§2 Blending): records weigh `Z = n / (n + K)` against a survey, so they
 * count as much as the survey at `n = K`. 30 is where the confidence rules call a sample large
 * (`high`); a survey's all-level occupation distribution should count less from there on.
 */
export const DEFAULT_CREDIBILITY_K = 30;

/** The rules a cell's band is computed under; the comp team writes them as a BandPolicyDto. */
export interface BandPolicyBody {
  /** Bands take effect on this date; market data is aged to it and the window ends on it. */
  effectiveDate: string;
  windowMonths: number;
  employmentTypes: EmploymentType[];
  aging: { defaultRate: number; byFamily: Record<string, number> };
  edges: Record<LadderKind, BandPolicy>;
  suppression: SuppressionRules;
  /** The order in which a cell's basis is chosen; a rule left out is never used. */
  precedence: SourceRule[];
  /** Blending of records with a survey by credibility. */
  credibility: { k: number };
}

export interface StoredPolicy {
  version: number;
  body: BandPolicyBody;
  createdBy: string;
  createdAt: string;
}

/** The §2 defaults, written as the first policy version when none exists. */
export function defaultPolicyBody(effectiveDate: string): BandPolicyBody {
  return {
    effectiveDate,
    windowMonths: DEFAULT_WINDOW_MONTHS,
    employmentTypes: ['FT'],
    aging: { defaultRate: DEFAULT_AGING_RATE, byFamily: {} },
    edges: {
      'individual-contributor': { ...DEFAULT_BAND_POLICIES.ic },
      management: { ...DEFAULT_BAND_POLICIES.management },
      executive: { ...DEFAULT_BAND_POLICIES.executive },
    },
    suppression: { ...DEFAULT_SUPPRESSION_RULES },
    precedence: [...DEFAULT_PRECEDENCE],
    credibility: { k: DEFAULT_CREDIBILITY_K },
  };
}

/** A stored body as in force: versions written before precedence and credibility get the defaults. */
export function withDefaults(
  body: Omit<BandPolicyBody, 'precedence' | 'credibility'> & Partial<BandPolicyBody>,
): BandPolicyBody {
  return {
    ...body,
    precedence: body.precedence ?? [...DEFAULT_PRECEDENCE],
    credibility: body.credibility ?? { k: DEFAULT_CREDIBILITY_K },
  };
}

export function agingRateFor(policy: BandPolicyBody, family: string): number {
  return policy.aging.byFamily[family] ?? policy.aging.defaultRate;
}
