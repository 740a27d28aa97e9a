import {
  blendByCredibility,
  credibility,
  CREDIBILITY_FORMULA,
  lowerConfidence,
  type BandEdges,
  type Confidence,
  type PublishedPercentiles,
} from '@rangefinder/comp-math';
import type { SourceRule } from './band-policy';
import type {
  BandBasis,
  CellDraft,
  PassedOverReason,
  SourceSelection,
  SourceShare,
} from './cell-draft';
import type { Figures } from './pool-figures';
import { scalePercentiles, type ZoneSurvey } from './survey-figures';

/** A records pool a rule may derive from, in the zone's terms. */
export interface PoolSource {
  figures: Figures;
  /** Multiplier from the pool's amounts to the zone's (FX × differential; 1 for the zone's own). */
  factor: number;
  /** The zone's differential, by which a wider pool's anchor-equivalent amounts are scaled. */
  scale?: number;
  /** The pool's cell key, for `derivedFrom` (none for the zone's own). */
  key?: string;
  scope?: 'country' | 'global';
  /** Confidence steps below the pool's own (§2: a derived band carries lower confidence). */
  confidenceSteps: number;
  components?: CellDraft['components'];
}

/** What a rule that applies gives the cell. */
export interface Choice {
  rule: SourceRule;
  basis: BandBasis;
  percentiles: PublishedPercentiles;
  edges: BandEdges;
  sample: { n: number; companies: number | null; sources: string[] };
  confidence: Confidence | null;
  derivedFrom: CellDraft['derivedFrom'];
  sources: SourceShare[];
  medianAgeMonths: number | null;
  credibility: SourceSelection['credibility'];
  components: CellDraft['components'];
}

export interface ZoneSources {
  pools: Partial<Record<Exclude<SourceRule, 'survey'>, PoolSource>>;
  survey: ZoneSurvey | null;
  k: number;
  edgesOf: (percentiles: PublishedPercentiles) => BandEdges | null;
}

const RECORD_RULES: Record<Exclude<SourceRule, 'survey'>, BandBasis> = {
  'own-records': 'market',
  'country-pool': 'derived',
  'global-pool': 'derived',
};

/** A records pool, blended with the zone's survey by credibility when there is one. */
function fromPool(
  rule: Exclude<SourceRule, 'survey'>,
  source: PoolSource | undefined,
  sources: ZoneSources,
): Choice | PassedOverReason {
  if (!source || source.figures.decision.cellSuppressed || !source.figures.confidence)
    return 'too-few-records';
  const { figures } = source;
  const records = scalePercentiles(figures.published, source.factor);
  const n = figures.decision.n;
  const z = sources.survey ? credibility(n, sources.k) : 1;
  const blended = z < 1 && sources.survey !== null;
  const percentiles = blended
    ? blendByCredibility(records, sources.survey!.percentiles, z)
    : records;
  const edges = sources.edgesOf(percentiles);
  // A band whose edges need points the pool withholds (P90 below 10 records) says the same as
  // one without records, so an analyst's pool size stays private.
  if (!edges) return 'too-few-records';
  const shares = [...figures.sources, ...(blended ? sources.survey!.shares : [])];
  return {
    rule,
    basis: rule === 'own-records' && blended ? 'blended' : RECORD_RULES[rule],
    percentiles,
    edges,
    sample: { n, companies: figures.decision.companies, sources: shares.map((s) => s.source) },
    confidence: figures.confidence && {
      ...figures.confidence,
      level: lowerConfidence(figures.confidence.level, source.confidenceSteps),
    },
    derivedFrom:
      source.key && source.scope && source.scale
        ? { scope: source.scope, key: source.key, scale: source.scale }
        : null,
    sources: shares,
    medianAgeMonths: figures.medianAgeMonths,
    credibility: blended ? { formula: CREDIBILITY_FORMULA, k: sources.k, n, z } : null,
    components: source.components ?? { bonus: null, equity: null },
  };
}

function fromSurvey(sources: ZoneSources): Choice | PassedOverReason {
  const { survey } = sources;
  if (!survey) return 'no-survey';
  const edges = sources.edgesOf(survey.percentiles);
  if (!edges) return 'survey-incomplete';
  return {
    rule: 'survey',
    basis: 'survey',
    percentiles: survey.percentiles,
    edges,
    sample: { n: 0, companies: null, sources: survey.shares.map((s) => s.source) },
    confidence: survey.confidence,
    derivedFrom: null,
    sources: survey.shares,
    medianAgeMonths: survey.months,
    credibility: null,
    components: { bonus: null, equity: null },
  };
}

/**
 * §2 Fallback as policy: the first rule of `order` that gives the cell a band, and the rules
 * passed over before it with their reasons.
 */
export function chooseSource(
  order: readonly SourceRule[],
  sources: ZoneSources,
): { choice: Choice | null; selection: SourceSelection } {
  const passedOver: SourceSelection['passedOver'] = [];
  for (const rule of order) {
    const outcome =
      rule === 'survey' ? fromSurvey(sources) : fromPool(rule, sources.pools[rule], sources);
    if (typeof outcome === 'string') {
      passedOver.push({ rule, reason: outcome });
      continue;
    }
    return {
      choice: outcome,
      selection: { order: [...order], rule, passedOver, credibility: outcome.credibility },
    };
  }
  return {
    choice: null,
    selection: { order: [...order], rule: null, passedOver, credibility: null },
  };
}
