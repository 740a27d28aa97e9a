import { PERCENTILE_KEYS, roundMoney, type PercentileSet } from '@rangefinder/comp-math';
import type { BandPercentiles } from '@rangefinder/contracts';
import { Catalogue } from '@rangefinder/catalogue';
import { seedCatalogue } from '@rangefinder/catalogue/testing';
import { defaultPolicyBody, type BandPolicyBody, type StoredPolicy } from './band-policy';
import type { CellDraft } from './cell-draft';
import type { CellObservation } from './cell-observation';
import { computeGroupDrafts } from './group-bands';
import type { StructureRange } from './structure-range';
import type { SurveyFigures } from './survey-figures';

/** Shared by the specs of a group's drafts: observations in the shipped catalogue's zones. */
export const EFFECTIVE = '2025-01-01';
// The ECB rate in force on EFFECTIVE (a holiday: 2024-12-31's), US dollars per pound.
export const USD_PER_GBP = 1.25292457609;
export const US_ZONES = ['US-A', 'US-B', 'US-C', 'US'];
export const TENS = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190].map((k) => k * 1000);

let catalogue: Catalogue;
/** Loads the shipped catalogue before the spec's tests. */
export function useSeedCatalogue(): void {
  beforeAll(async () => {
    catalogue = new Catalogue(await seedCatalogue());
  });
}
export const seeded = (): Catalogue => catalogue;

let nextId = 0;
/** An observation in `zone` (its country and currency), dated on the effective date unless told. */
export function observation(
  zone: string,
  base: number,
  fields: Partial<CellObservation> = {},
): CellObservation {
  const payZone = catalogue.zone(zone);
  nextId += 1;
  return {
    key: `test:${nextId}`,
    revision: '1',
    source: 'test',
    observedAt: EFFECTIVE,
    role: 'data-scientist',
    level: 'IC3',
    zone,
    country: payZone?.country ?? 'XX',
    employmentType: 'FT',
    currency: payZone?.currency ?? 'USD',
    base,
    bonus: null,
    equity: null,
    baseUsd: base,
    companyId: null,
    weight: 1,
    ...fields,
  };
}

export const inZone = (zone: string, bases: number[], fields: Partial<CellObservation> = {}) =>
  bases.map((base) => observation(zone, base, fields));

export function policyWith(change: (body: BandPolicyBody) => void = () => {}): StoredPolicy {
  const body = defaultPolicyBody(EFFECTIVE);
  change(body);
  return { version: 1, body, createdBy: 'analyst@example.com', createdAt: '2024-12-20T10:00:00Z' };
}

export interface Options {
  role?: string;
  level?: string;
  policy?: StoredPolicy;
  structure?: StructureRange;
  surveys?: SurveyFigures[];
}

export function draftsFor(observations: CellObservation[], options: Options = {}): CellDraft[] {
  const role = catalogue.role(options.role ?? 'data-scientist');
  if (!role) throw new Error(`no role ${options.role}`);
  return computeGroupDrafts({
    role,
    level: options.level ?? 'IC3',
    observations,
    policy: options.policy ?? policyWith(),
    catalogue,
    structure: options.structure,
    surveys: options.surveys,
  });
}

export function cell(drafts: CellDraft[], zone: string): CellDraft {
  const found = drafts.find((d) => d.zone === zone);
  if (!found) throw new Error(`no draft for ${zone}; have ${drafts.map((d) => d.zone).join(', ')}`);
  return found;
}

export const inCents = (p: PercentileSet): BandPercentiles =>
  Object.fromEntries(PERCENTILE_KEYS.map((k) => [k, roundMoney(p[k])])) as BandPercentiles;

export const withoutTails = (p: BandPercentiles): BandPercentiles => ({
  ...p,
  p10: null,
  p90: null,
});

export const publicFigures = (d: CellDraft) =>
  [...Object.values(d.percentiles), d.min, d.mid, d.max].filter((v): v is number => v !== null);

export const NOTHING = { p10: null, p25: null, p50: null, p75: null, p90: null };

export function expectNothingPublished(d: CellDraft): void {
  expect(d.basis).toBe('suppressed');
  expect(d.percentiles).toEqual(NOTHING);
  expect([d.min, d.mid, d.max, d.spread, d.confidence, d.derivedFrom]).toEqual([
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  expect(d.sample).toEqual({ n: null, companies: null, sources: [] });
  expect(d.components).toEqual({ bonus: null, equity: null });
  expect(d.provenance.sources).toEqual([]);
  expect(d.provenance.aging.medianMonths).toBeNull();
}
