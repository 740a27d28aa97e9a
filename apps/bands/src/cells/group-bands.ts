import {
  bandEdges,
  windowStart,
  type BandEdges,
  type PublishedPercentiles,
} from '@rangefinder/comp-math';
import { cellKey } from '@rangefinder/contracts';
import type { Catalogue, PayZone, RoleDef } from '@rangefinder/catalogue';
import { agingRateFor, type StoredPolicy } from './band-policy';
import type { CellObservation } from './cell-observation';
import { orderFlags, zoneFlags } from './coherence';
import { countryZone, GroupState } from './group-state';
import { NO_PERCENTILES, setEdges, type CellDraft, type Provenance } from './cell-draft';
import { applyStructure, type StructureRange } from './structure-range';
import { componentPercentiles, figuresOf, roundPercentiles, type Figures } from './pool-figures';
import { chooseSource, type PoolSource } from './source-candidates';
import { zoneSurvey, type SurveyFigures } from './survey-figures';

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

function edgesOf(percentiles: PublishedPercentiles, input: GroupSettings): BandEdges | null {
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
 * Every cell of one role × level from its pools. Each zone's basis is the first rule of the
 * policy's precedence that gives it a band — its own records, a derivation from its country's or
 * the global pool, a survey alone — with records blended with the zone's survey by credibility; a
 * structure's range replaces it where one covers the level. Each draft is then checked for
 * percentile order and, against the group's other zones, zone order. Reads the pools only, so an
 * incrementally updated state and a rebuilt one give the same drafts.
 */
export function groupDrafts(state: GroupState, input: GroupSettings): CellDraft[] {
  const { catalogue, policy, role, level } = input;
  const effective = policy.body.effectiveDate;
  const from = windowStart(effective, policy.body.windowMonths);
  const rate = agingRateFor(policy.body, role.family);

  const rules = policy.body.suppression;
  const globalFigures = figuresOf(state.globalPool(), rules);
  const countryFigures = new Map<string, Figures>();
  const countryOf = (country: string) => {
    let figures = countryFigures.get(country);
    if (!figures)
      countryFigures.set(country, (figures = figuresOf(state.countryPool(country), rules)));
    return figures;
  };
  // Where the global pool gives every zone a band, every zone gets a draft: otherwise a zone of a
  // country with a few suppressed records would answer where one of a country without any would
  // not.
  const everywhere =
    policy.body.precedence.includes('global-pool') && !globalFigures.decision.cellSuppressed;
  const countries = new Set([...state.countries(), ...(input.surveys ?? []).map((s) => s.country)]);
  const zones = catalogue.zones.filter(
    (zone) =>
      everywhere || input.structure || state.zones.has(zone.code) || countries.has(zone.country),
  );

  const drafts: CellDraft[] = [];
  for (const zone of zones) {
    const pools = state.zones.get(zone.code);
    const own = figuresOf(pools?.base, rules);
    const country = countryOf(zone.country);
    const { currency } = zone;
    const { choice, selection } = chooseSource(policy.body.precedence, {
      pools: {
        'own-records': {
          figures: own,
          factor: 1,
          confidenceSteps: 0,
          components: {
            bonus: componentPercentiles(pools?.bonus, rules, currency),
            equity: componentPercentiles(pools?.equity, rules, currency),
          },
        },
        'country-pool': widerPool(
          'country',
          `${role.code}|${level}|${zone.country}`,
          country,
          zone,
          {
            catalogue,
            from: countryZone(catalogue, zone.country)?.currency ?? currency,
            date: effective,
          },
        ),
        'global-pool': widerPool('global', `${role.code}|${level}|*`, globalFigures, zone, {
          catalogue,
          from: PUBLISHED_GLOBAL_CURRENCY,
          date: effective,
        }),
      },
      survey: zoneSurvey(input.surveys ?? [], zone, catalogue, effective, rate),
      k: policy.body.credibility.k,
      edgesOf: (p) => edgesOf(p, input),
    });

    const provenance: Provenance = {
      policyVersion: policy.version,
      effectiveDate: effective,
      window: { from, to: effective },
      // Nothing of passed-over records may show, not even their age.
      aging: { annualRate: rate, medianMonths: choice?.medianAgeMonths ?? null },
      employmentTypes: [...policy.body.employmentTypes],
      sources: choice?.sources ?? [],
      structure: null,
      selection,
    };
    const draft: CellDraft = {
      key: cellKey({ role: role.code, level, zone: zone.code }),
      role: role.code,
      level,
      zone: zone.code,
      currency,
      basis: choice?.basis ?? 'suppressed',
      percentiles: choice ? roundPercentiles(choice.percentiles, currency) : NO_PERCENTILES,
      min: null,
      mid: null,
      max: null,
      openEnded: false,
      spread: null,
      components: choice?.components ?? { bonus: null, equity: null },
      sample: choice?.sample ?? { n: null, companies: null, sources: [] },
      confidence: choice?.confidence ?? null,
      derivedFrom: choice?.derivedFrom ?? null,
      provenance,
      flags: [],
      review: {
        n: own.decision.n,
        companies: own.decision.companies,
        largestCompanyShare: own.decision.largestCompanyShare,
        suppressionReasons: own.decision.reasons,
        percentiles: own.raw ? roundPercentiles(own.raw, currency) : null,
        candidates: [
          { rule: 'own-records', n: own.decision.n, reasons: own.decision.reasons },
          { rule: 'country-pool', n: country.decision.n, reasons: country.decision.reasons },
          {
            rule: 'global-pool',
            n: globalFigures.decision.n,
            reasons: globalFigures.decision.reasons,
          },
        ],
      },
    };
    if (choice) setEdges(draft, choice.edges);
    if (input.structure) applyStructure(draft, input.structure, zone, input);
    drafts.push(draft);
  }

  const inversions = zoneFlags(drafts, catalogue, effective);
  for (const draft of drafts)
    draft.flags = [...orderFlags(draft), ...(inversions.get(draft.key) ?? [])];
  return drafts;
}

/** A country or global pool as a derivation source: anchor-equivalent amounts × FX × differential. */
function widerPool(
  scope: 'country' | 'global',
  key: string,
  figures: Figures,
  zone: PayZone,
  fx: { catalogue: Catalogue; from: string; date: string },
): PoolSource | undefined {
  const rate =
    fx.from === zone.currency ? 1 : fx.catalogue.convert(1, fx.from, zone.currency, fx.date)?.rate;
  if (rate === undefined) return undefined;
  return {
    figures,
    factor: rate * zone.differential,
    scale: zone.differential,
    key,
    scope,
    confidenceSteps: scope === 'country' ? 1 : 2,
  };
}
