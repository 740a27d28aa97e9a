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

/** The rules a cell's band is computed under; the comp team writes them as a BandPolicyDto. */
export interface BandPolicyBody {
  /** Bands take effect on this date; market data is aged to it and the window ends on it. */
  effectiveDate: string;
  windowMonths: number;
  employmentTypes: EmploymentType[];
  aging: { defaultRate: number; byFamily: Record<string, number> };
  edges: Record<LadderKind, BandPolicy>;
  suppression: SuppressionRules;
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
  };
}

export function agingRateFor(policy: BandPolicyBody, family: string): number {
  return policy.aging.byFamily[family] ?? policy.aging.defaultRate;
}
