import { agingMonths } from './aging';
import type { IsoDate } from './calendar';
import { percentile } from './percentiles';

export type ConfidenceLevel = 'high' | 'medium' | 'low';

export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = ['low', 'medium', 'high'];

/** The weakest a cell may be on each measure and still earn the level. */
export interface ConfidenceThresholds {
  minN: number;
  maxMedianAgeMonths: number;
  /** IQR / P50. */
  maxDispersion: number;
}

export interface ConfidenceRules {
  high: ConfidenceThresholds;
  medium: ConfidenceThresholds;
}

/*
 * 30 observations is where P25/P75 stop moving much when one record is added; 10 is where P10/P90
 * may be published. Half the 24-month window is "recent". An IQR of half the median is typical
 * of a well-defined role × level × zone; beyond 0.8 the cell probably mixes different jobs.
 */
export const DEFAULT_CONFIDENCE_RULES: Readonly<ConfidenceRules> = {
  high: { minN: 30, maxMedianAgeMonths: 12, maxDispersion: 0.5 },
  medium: { minN: 10, maxMedianAgeMonths: 18, maxDispersion: 0.8 },
};

export interface ConfidenceInput {
  n: number;
  medianAgeMonths: number;
  p25: number;
  p50: number;
  p75: number;
}

export interface Confidence {
  level: ConfidenceLevel;
  n: number;
  medianAgeMonths: number;
  dispersion: number;
  /** Why the level is not higher; empty for `high`. */
  reasons: string[];
}

/** The weakest of three measures — sample size, median age, dispersion — against the thresholds. */
export function assessConfidence(
  { n, medianAgeMonths, p25, p50, p75 }: ConfidenceInput,
  rules: ConfidenceRules = DEFAULT_CONFIDENCE_RULES,
): Confidence {
  const dispersion = p50 > 0 ? (p75 - p25) / p50 : Infinity;
  const measures: [(t: ConfidenceThresholds) => boolean, (t: ConfidenceThresholds) => string][] = [
    [(t) => n >= t.minN, (t) => `n = ${n} is below ${t.minN}`],
    [
      (t) => medianAgeMonths <= t.maxMedianAgeMonths,
      (t) => `median age ${medianAgeMonths} months is over ${t.maxMedianAgeMonths}`,
    ],
    [
      (t) => dispersion <= t.maxDispersion,
      (t) => `dispersion (IQR / P50) ${dispersion.toFixed(2)} is over ${t.maxDispersion}`,
    ],
  ];
  const reasons: string[] = [];
  const levels = measures.map(([meets, describe]): ConfidenceLevel => {
    if (meets(rules.high)) return 'high';
    const medium = meets(rules.medium);
    reasons.push(describe(medium ? rules.high : rules.medium));
    return medium ? 'medium' : 'low';
  });
  return { level: weakest(levels), n, medianAgeMonths, dispersion, reasons };
}

function weakest(levels: readonly ConfidenceLevel[]): ConfidenceLevel {
  return CONFIDENCE_LEVELS[Math.min(...levels.map((level) => CONFIDENCE_LEVELS.indexOf(level)))];
}

export function lowerConfidence(level: ConfidenceLevel, steps: number = 1): ConfidenceLevel {
  return CONFIDENCE_LEVELS[Math.max(0, CONFIDENCE_LEVELS.indexOf(level) - steps)];
}

/** Median age in whole months at the effective date (type 7, so it may be a half month). */
export function medianAgeMonths(observedAt: readonly IsoDate[], effectiveDate: IsoDate): number {
  return percentile(
    observedAt.map((date) => agingMonths(date, effectiveDate)),
    0.5,
  );
}
