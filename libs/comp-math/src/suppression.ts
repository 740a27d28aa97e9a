import { type PercentileKey, PERCENTILE_KEYS, type PercentileSet } from './percentiles';

export interface SuppressionRules {
  minObservations: number;
  minCompanies: number;
  /** Largest share of the cell's weight one company may hold; more suppresses the cell. */
  maxCompanyShare: number;
  /** P10 and P90 describe the extremes of only a few people in small cells. */
  minObservationsForTails: number;
}

export const DEFAULT_SUPPRESSION_RULES: Readonly<SuppressionRules> = {
  minObservations: 5,
  minCompanies: 5,
  maxCompanyShare: 0.25,
  minObservationsForTails: 10,
};

export interface SampleRecord {
  companyId?: string | null;
  /** Defaults to 1. */
  weight?: number;
}

export type SuppressionReason =
  | 'too-few-observations'
  | 'too-few-companies'
  | 'dominant-company'
  | 'too-few-observations-for-tails';

export interface SuppressionDecision {
  /** Figures that may be published; empty when the whole cell is suppressed. */
  publishable: readonly PercentileKey[];
  cellSuppressed: boolean;
  n: number;
  /** Distinct known company ids; null when the sample carries none. */
  companies: number | null;
  /** Companies as the rule counts them: known ids, plus each record without an id as its own. */
  companiesCounted: number;
  /** Weight share of the largest known company; null when no ids are known. */
  largestCompanyShare: number | null;
  reasons: SuppressionReason[];
}

// Keeps floating-point noise in weight sums (0.1 + 0.2 …) from flipping a share of exactly 25 %.
const SHARE_TOLERANCE = 1e-12;

/** Summed smallest first, so the result never depends on the order records arrive in. */
const sumInOrder = (weights: readonly number[]) =>
  [...weights].sort((a, b) => a - b).reduce((sum, w) => sum + w, 0);

export function suppressionDecision(
  sample: readonly SampleRecord[],
  rules: SuppressionRules = DEFAULT_SUPPRESSION_RULES,
): SuppressionDecision {
  const weightsByCompany = new Map<string, number[]>();
  const weights: number[] = [];
  let unknownCompanyRecords = 0;
  for (const { companyId, weight = 1 } of sample) {
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`record weight must be > 0, got ${weight}`);
    }
    weights.push(weight);
    if (companyId == null) unknownCompanyRecords += 1;
    else if (weightsByCompany.has(companyId)) weightsByCompany.get(companyId)!.push(weight);
    else weightsByCompany.set(companyId, [weight]);
  }
  return suppressionFromSummary(
    {
      n: sample.length,
      companyWeights: [...weightsByCompany.values()].map(sumInOrder),
      unknownCompanyRecords,
      totalWeight: sumInOrder(weights),
    },
    rules,
  );
}

/** What the suppression rules need to know about a sample, for callers that keep it aggregated. */
export interface SampleSummary {
  n: number;
  /** Total weight of each known company. */
  companyWeights: readonly number[];
  /** Records without a company id. */
  unknownCompanyRecords: number;
  totalWeight: number;
}

export function suppressionFromSummary(
  { n, companyWeights, unknownCompanyRecords, totalWeight }: SampleSummary,
  rules: SuppressionRules = DEFAULT_SUPPRESSION_RULES,
): SuppressionDecision {
  const idsKnown = companyWeights.length > 0;
  const companiesCounted = companyWeights.length + unknownCompanyRecords;
  const largestCompanyShare = idsKnown
    ? companyWeights.reduce((a, b) => Math.max(a, b), 0) / totalWeight
    : null;

  const reasons: SuppressionReason[] = [];
  if (n < rules.minObservations) reasons.push('too-few-observations');
  if (idsKnown && companiesCounted < rules.minCompanies) reasons.push('too-few-companies');
  if (
    largestCompanyShare !== null &&
    largestCompanyShare > rules.maxCompanyShare + SHARE_TOLERANCE
  ) {
    reasons.push('dominant-company');
  }
  const cellSuppressed = reasons.length > 0;
  const tailsSuppressed = !cellSuppressed && n < rules.minObservationsForTails;
  if (tailsSuppressed) reasons.push('too-few-observations-for-tails');

  const publishable = cellSuppressed
    ? []
    : PERCENTILE_KEYS.filter((key) => !tailsSuppressed || (key !== 'p10' && key !== 'p90'));
  return {
    publishable,
    cellSuppressed,
    n,
    companies: idsKnown ? companyWeights.length : null,
    companiesCounted,
    largestCompanyShare,
    reasons,
  };
}

/** The percentiles with every figure the decision does not allow replaced by null. */
export function applySuppression(
  percentiles: PercentileSet,
  decision: Pick<SuppressionDecision, 'publishable'>,
): Record<PercentileKey, number | null> {
  const allowed = new Set(decision.publishable);
  return Object.fromEntries(
    PERCENTILE_KEYS.map((key) => [key, allowed.has(key) ? percentiles[key] : null]),
  ) as Record<PercentileKey, number | null>;
}
