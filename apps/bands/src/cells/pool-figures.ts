import {
  applySuppression,
  assessConfidence,
  roundToCurrency,
  suppressionFromSummary,
  type Confidence,
  type PercentileSet,
  type PublishedPercentiles,
  type SuppressionDecision,
  type SuppressionRules,
} from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import { NO_PERCENTILES, type SourceShare } from './cell-draft';
import type { PoolStats } from './group-state';

/** What one pool of observations publishes, under the policy's suppression rules. */
export interface Figures {
  decision: SuppressionDecision;
  /** All five points before suppression; null without records. */
  raw: PercentileSet | null;
  published: BandPercentiles;
  medianAgeMonths: number | null;
  confidence: Confidence | null;
  sources: SourceShare[];
}

/** Percentiles are statistics (doubles); published, they are money: half-up to the minor unit. */
export function roundPercentiles(p: PublishedPercentiles, currency: string): BandPercentiles {
  const rounded = (value: number | null | undefined) =>
    value == null ? null : roundToCurrency(value, currency);
  // Spelled out: this runs for every zone of every recomputed group.
  return {
    p10: rounded(p.p10),
    p25: rounded(p.p25),
    p50: rounded(p.p50),
    p75: rounded(p.p75),
    p90: rounded(p.p90),
  };
}

/**
 * The figures of one pool: suppression per policy, the percentiles it allows, confidence from
 * size, age and dispersion.
 */
export function figuresOf(pool: PoolStats | undefined, rules: SuppressionRules): Figures {
  const decision = suppressionFromSummary(
    pool?.summary() ?? { n: 0, companyWeights: [], unknownCompanyRecords: 0, totalWeight: 0 },
    rules,
  );
  const shares: SourceShare[] = (pool?.sources() ?? []).map(([source, n]) => ({
    source,
    kind: 'records',
    n,
    weight: 1,
  }));
  if (!pool || pool.n === 0) {
    return {
      decision,
      raw: null,
      published: NO_PERCENTILES,
      medianAgeMonths: null,
      confidence: null,
      sources: shares,
    };
  }
  const raw = pool.sample.percentiles();
  const age = pool.medianAgeMonths()!;
  const published = applySuppression(raw, decision);
  const confidence = decision.cellSuppressed
    ? null
    : assessConfidence({
        n: pool.n,
        medianAgeMonths: age,
        p25: raw.p25,
        p50: raw.p50,
        p75: raw.p75,
      });
  return { decision, raw, published, medianAgeMonths: age, confidence, sources: shares };
}

/** A component (bonus, equity) over the records that report it, under the same suppression rules. */
export function componentPercentiles(
  pool: PoolStats | undefined,
  rules: SuppressionRules,
  currency: string,
): BandPercentiles | null {
  if (!pool || pool.n === 0) return null;
  const decision = suppressionFromSummary(pool.summary(), rules);
  if (decision.cellSuppressed) return null;
  return roundPercentiles(applySuppression(pool.sample.percentiles(), decision), currency);
}
