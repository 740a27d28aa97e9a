import {
  bandEdges,
  deriveFromWiderGeography,
  windowStart,
  type BandEdges,
  type FallbackCandidate,
} from '@rangefinder/comp-math';
import { cellKey, type BandPercentiles } from '@rangefinder/contracts';
import type { Catalogue, PayZone, RoleDef } from '@rangefinder/catalogue';
import { agingRateFor, type StoredPolicy } from './band-policy';
import type { CellObservation } from './cell-observation';
import { GroupState } from './group-state';
import { NO_PERCENTILES, setEdges, type CellDraft, type Provenance } from './cell-draft';
import { applyStructure, type StructureRange } from './structure-range';
import { componentPercentiles, figuresOf, roundPercentiles, type Figures } from './pool-figures';
import {
  blend,
  scalePercentiles,
  surveyConfidence,
  surveyInZone,
  type SurveyFigures,
} from './survey-figures';

/** Everything a group's drafts depend on besides its observations. */
export interface GroupSettings {
  role: RoleDef;
  level: string;
  policy: StoredPolicy;
  catalogue: Catalogue;
  structure?: StructureRange;
  surveys?: readonly SurveyFigures[];
}

export interface GroupInput extends GroupSettings {
  observations: Iterable<CellObservation>;
}

const PUBLISHED_GLOBAL_CURRENCY = 'USD';

function edgesOf(percentiles: BandPercentiles, input: GroupSettings): BandEdges | null {
  const ladder = input.catalogue.ladder(input.role.ladder);
  if (!ladder) throw new Error(`role ${input.role.code} has unknown ladder ${input.role.ladder}`);
  return bandEdges(percentiles, input.policy.body.edges[ladder.kind]);
}

/**
 * Every cell of one role × level from its observations (a rebuild of the group's pools). Pure:
 * same input, same drafts.
 */
export function computeGroupDrafts(input: GroupInput): CellDraft[] {
  const state = GroupState.of(input.observations, {
    catalogue: input.catalogue,
    policy: input.policy,
    family: input.role.family,
  });
  return groupDrafts(state, input);
}

/**
 * Every cell of one role × level from its pools: each zone's own market figures (blended with
 * mapped surveys), a fallback from the country or global pool for a zone whose own figures are
 * suppressed, and a structure's range where one covers the level. Reads the pools only, so an
 * incrementally updated state and a rebuilt one give the same drafts.
 */
export function groupDrafts(state: GroupState, input: GroupSettings): CellDraft[] {
  const { catalogue, policy, role, level } = input;
  const effective = policy.body.effectiveDate;
  const from = windowStart(effective, policy.body.windowMonths);
  const rate = agingRateFor(policy.body, role.family);

  const zones = new Map<string, PayZone>();
  const countries = new Set([
    ...state.countries.keys(),
    ...(input.surveys ?? []).map((s) => s.country),
  ]);
  for (const zone of catalogue.zones) {
    if (input.structure || state.zones.has(zone.code) || countries.has(zone.country))
      zones.set(zone.code, zone);
  }

  const rules = input.policy.body.suppression;
  const globalFigures = figuresOf(state.global, rules);
  const countryFigures = new Map<string, Figures>();
  const countryOf = (country: string) => {
    let figures = countryFigures.get(country);
    if (!figures)
      countryFigures.set(country, (figures = figuresOf(state.countries.get(country), rules)));
    return figures;
  };

  const drafts: CellDraft[] = [];
  for (const zone of zones.values()) {
    const pools = state.zones.get(zone.code);
    const own = figuresOf(pools?.base, rules);
    const currency = zone.currency;
    const surveys = (input.surveys ?? [])
      .filter((s) => s.country === zone.country)
      .map((s) => surveyInZone(s, zone, input.catalogue, input.policy.body.effectiveDate, rate))
      .filter((s): s is NonNullable<typeof s> => s !== null);

    const provenance: Provenance = {
      policyVersion: policy.version,
      effectiveDate: effective,
      window: { from, to: effective },
      aging: { annualRate: rate, medianMonths: own.medianAgeMonths },
      employmentTypes: [...policy.body.employmentTypes],
      sources: [...own.sources, ...surveys.map((s) => s.share)],
      structure: null,
    };
    const draft: CellDraft = {
      key: cellKey({ role: role.code, level, zone: zone.code }),
      role: role.code,
      level,
      zone: zone.code,
      currency,
      basis: 'suppressed',
      percentiles: NO_PERCENTILES,
      min: null,
      mid: null,
      max: null,
      openEnded: false,
      spread: null,
      components: { bonus: null, equity: null },
      sample: { n: null, companies: null, sources: [] },
      confidence: null,
      derivedFrom: null,
      provenance,
      review: {
        n: own.decision.n,
        companies: own.decision.companies,
        largestCompanyShare: own.decision.largestCompanyShare,
        suppressionReasons: own.decision.reasons,
        percentiles: own.raw ? roundPercentiles(own.raw, currency) : null,
      },
    };

    const ownPublishable = !own.decision.cellSuppressed;
    const market =
      surveys.length > 0
        ? blend(ownPublishable ? own.published : NO_PERCENTILES, surveys)
        : own.published;
    const marketEdges = ownPublishable || surveys.length > 0 ? edgesOf(market, input) : null;
    if (marketEdges) {
      draft.basis = surveys.length === 0 ? 'market' : ownPublishable ? 'blended' : 'survey';
      draft.percentiles = roundPercentiles(market, currency);
      draft.sample = {
        n: ownPublishable ? own.decision.n : 0,
        companies: ownPublishable ? own.decision.companies : null,
        sources: provenance.sources
          .filter((s) => s.kind === 'survey' || ownPublishable)
          .map((s) => s.source),
      };
      draft.confidence = ownPublishable ? own.confidence : surveyConfidence(surveys);
      if (!ownPublishable) {
        // Nothing of the suppressed records may show, not even their age.
        provenance.sources = provenance.sources.filter((s) => s.kind === 'survey');
        provenance.aging.medianMonths = surveys[0].months;
      }
      setEdges(draft, marketEdges);
      draft.components = {
        bonus: ownPublishable ? componentPercentiles(pools?.bonus, rules, currency) : null,
        equity: ownPublishable ? componentPercentiles(pools?.equity, rules, currency) : null,
      };
    } else {
      provenance.sources = [];
      provenance.aging.medianMonths = null;
      const derived = deriveFromWiderGeography(
        zone.differential,
        [
          candidate(
            'country',
            `${role.code}|${level}|${zone.country}`,
            countryOf(zone.country),
            1,
            input,
          ),
          candidate(
            'global',
            `${role.code}|${level}|*`,
            globalFigures,
            usdTo(catalogue, currency, effective),
            input,
          ),
        ].filter((c): c is FallbackCandidate => c !== null),
      );
      if (derived) {
        const pool =
          derived.derivedFrom.scope === 'country' ? countryOf(zone.country) : globalFigures;
        draft.basis = 'derived';
        draft.derivedFrom = { ...derived.derivedFrom, scale: derived.scale };
        draft.percentiles = roundPercentiles(derived.percentiles ?? NO_PERCENTILES, currency);
        draft.sample = {
          n: pool.decision.n,
          companies: pool.decision.companies,
          sources: pool.sources.map((s) => s.source),
        };
        draft.confidence = pool.confidence && { ...pool.confidence, level: derived.confidence };
        provenance.sources = pool.sources;
        provenance.aging.medianMonths = pool.medianAgeMonths;
        setEdges(draft, derived.band);
      }
    }

    if (input.structure) applyStructure(draft, input.structure, zone, input);
    drafts.push(draft);
  }
  return drafts;
}

function usdTo(catalogue: Catalogue, currency: string, date: string): number {
  if (currency === PUBLISHED_GLOBAL_CURRENCY) return 1;
  const rate = catalogue.convert(1, PUBLISHED_GLOBAL_CURRENCY, currency, date)?.rate;
  if (rate === undefined) throw new Error(`no FX rate USD→${currency} on ${date}`);
  return rate;
}

/** A pool as a fallback candidate, in the zone's currency and normalized to the anchor (differential 1). */
function candidate(
  scope: 'country' | 'global',
  key: string,
  pool: Figures,
  toZoneCurrency: number,
  input: GroupSettings,
): FallbackCandidate | null {
  if (pool.decision.cellSuppressed || !pool.confidence || !Number.isFinite(toZoneCurrency))
    return null;
  const percentiles = scalePercentiles(pool.published, toZoneCurrency);
  return {
    scope,
    key,
    band: edgesOf(percentiles, input),
    percentiles,
    differential: 1,
    confidence: pool.confidence.level,
  };
}
