import {
  ageValue,
  agingMonths,
  assessConfidence,
  combineSurveys,
  type Confidence,
  type ConfidenceLevel,
  type PublishedPercentiles,
} from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import type { Catalogue, PayZone } from '@rangefinder/catalogue';
import type { SourceShare } from './cell-draft';
import { countryZone } from './group-state';

/** The surveys mapped to a cell, moved to its zone and combined into one. */
export interface ZoneSurvey {
  percentiles: PublishedPercentiles;
  shares: SourceShare[];
  months: number;
  confidence: Confidence | null;
}

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
  const scaled = (value: number | null) => (value === null ? null : value * factor);
  // Spelled out: this runs for every zone of every recomputed group.
  return {
    p10: scaled(p.p10),
    p25: scaled(p.p25),
    p50: scaled(p.p50),
    p75: scaled(p.p75),
    p90: scaled(p.p90),
  };
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

/** The surveys of a cell's country moved to its zone, as one (null without any). */
export function zoneSurvey(
  surveys: readonly SurveyFigures[],
  zone: PayZone,
  catalogue: Catalogue,
  effective: string,
  rate: number,
): ZoneSurvey | null {
  const moved = surveys
    .filter((s) => s.country === zone.country)
    .map((s) => surveyInZone(s, zone, catalogue, effective, rate))
    .filter((s): s is NonNullable<typeof s> => s !== null);
  if (moved.length === 0) return null;
  return {
    percentiles: combineSurveys(moved),
    shares: moved.map((s) => s.share),
    months: moved[0].months,
    confidence: surveyConfidence(moved),
  };
}

function surveyConfidence(
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
