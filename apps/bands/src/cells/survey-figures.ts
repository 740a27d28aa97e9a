import {
  ageValue,
  agingMonths,
  assessConfidence,
  PERCENTILE_KEYS,
  type Confidence,
  type ConfidenceLevel,
} from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import type { Catalogue, PayZone } from '@rangefinder/catalogue';
import type { SourceShare } from './cell-draft';
import { countryZone } from './group-state';

/** One survey table row mapped to this role × level. */
export interface SurveyFigures {
  source: string;
  country: string;
  currency: string;
  referenceDate: string;
  weight: number;
  n: number;
  percentiles: BandPercentiles;
}

export function scalePercentiles(p: BandPercentiles, factor: number): BandPercentiles {
  return Object.fromEntries(
    PERCENTILE_KEYS.map((k) => [k, p[k] == null ? null : p[k] * factor]),
  ) as BandPercentiles;
}

export /** §2 blending: per point, (1·P_records + W·P_survey) / (1 + W); a point missing on one side uses the other. */
function blend(
  records: BandPercentiles,
  surveys: { percentiles: BandPercentiles; weight: number }[],
): BandPercentiles {
  return Object.fromEntries(
    PERCENTILE_KEYS.map((k) => {
      const parts = [
        ...(records[k] == null ? [] : [{ value: records[k], weight: 1 }]),
        ...surveys
          .filter((s) => s.percentiles[k] != null)
          .map((s) => ({ value: s.percentiles[k]!, weight: s.weight })),
      ];
      if (parts.length === 0) return [k, null];
      const total = parts.reduce((sum, p) => sum + p.weight, 0);
      return [k, parts.reduce((sum, p) => sum + p.value * p.weight, 0) / total];
    }),
  ) as BandPercentiles;
}

/**
 * A survey row moved to the zone: aged from its reference date to the band's effective date,
 * scaled from the survey country's catch-all differential to the zone's, converted to the zone's
 * currency at the effective date.
 */
export function surveyInZone(
  survey: SurveyFigures,
  zone: PayZone,
  catalogue: Catalogue,
  effective: string,
  rate: number,
) {
  const origin = countryZone(catalogue, survey.country);
  const fx =
    survey.currency === zone.currency
      ? 1
      : catalogue.convert(1, survey.currency, zone.currency, effective)?.rate;
  if (!origin || fx === undefined) return null;
  const months = agingMonths(survey.referenceDate, effective);
  const factor = (ageValue(1, months, rate) * fx * zone.differential) / origin.differential;
  return {
    percentiles: scalePercentiles(survey.percentiles, factor),
    weight: survey.weight,
    n: survey.n,
    months,
    share: {
      source: survey.source,
      kind: 'survey',
      n: survey.n,
      weight: survey.weight,
    } satisfies SourceShare,
  };
}

export function surveyConfidence(
  surveys: { n: number; months: number; percentiles: BandPercentiles }[],
): Confidence | null {
  const best = surveys[0];
  const { p25, p50, p75 } = best.percentiles;
  if (p25 == null || p50 == null || p75 == null) return null;
  const assessed = assessConfidence({ n: best.n, medianAgeMonths: best.months, p25, p50, p75 });
  // A survey maps a whole occupation onto one level, so it never earns `high` on its own.
  const level: ConfidenceLevel = assessed.level === 'high' ? 'medium' : assessed.level;
  return {
    ...assessed,
    level,
    reasons: [...assessed.reasons, 'survey occupation mapped to one level'],
  };
}
