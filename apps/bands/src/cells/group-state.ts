import {
  agingMonths,
  ageValue,
  percentileOfSorted,
  windowStart,
  type SampleSummary,
} from '@rangefinder/comp-math';
import type { Catalogue, PayZone } from '@rangefinder/catalogue';
import { agingRateFor, type StoredPolicy } from './band-policy';
import type { CellObservation } from './cell-observation';
import { orderedView, SortedSample } from './sorted-sample';

/** One observation's part in one pool: its amount there (aged, maybe normalized) and what the rules count. */
export interface PoolEntry {
  value: number;
  weight: number;
  companyId: string | null;
  source: string;
  months: number;
}

const bump = <K>(map: Map<K, number>, key: K, delta: number) => {
  const count = (map.get(key) ?? 0) + delta;
  if (count === 0) map.delete(key);
  else map.set(key, count);
};

/** Σ weight × count, smallest weight first: the same total whatever order entries came in. */
const weightOf = (counts: Map<number, number>) =>
  [...counts].sort(([a], [b]) => a - b).reduce((sum, [w, n]) => sum + w * n, 0);

/**
 * A pool of entries kept ready for the band rules: the sorted amounts, weight per company, age
 * counts and sources. Adding or removing an entry is cheap; so is reading its figures.
 */
export class PoolStats {
  sample = new SortedSample();
  private readonly weights = new Map<number, number>();
  private readonly companies = new Map<string, Map<number, number>>();
  private unknownCompanyRecords = 0;
  private readonly ages = new Map<number, number>();
  private readonly sourceCounts = new Map<string, number>();

  static of(entries: readonly PoolEntry[]): PoolStats {
    const pool = new PoolStats();
    pool.sample = SortedSample.of(
      entries.map((e) => e.value),
      entries.map((e) => e.weight),
    );
    for (const e of entries) pool.count(e, 1);
    return pool;
  }

  get n(): number {
    return this.sample.size;
  }

  add(entry: PoolEntry): void {
    this.sample.add(entry.value, entry.weight);
    this.count(entry, 1);
  }

  remove(entry: PoolEntry): void {
    if (this.sample.remove(entry.value, entry.weight)) this.count(entry, -1);
  }

  summary(): SampleSummary {
    return {
      n: this.n,
      companyWeights: [...this.companies.values()].map(weightOf),
      unknownCompanyRecords: this.unknownCompanyRecords,
      totalWeight: weightOf(this.weights),
    };
  }

  /** Type-7 median of the entries' ages in whole months; null when empty. */
  medianAgeMonths(): number | null {
    if (this.n === 0) return null;
    const ages = [...this.ages].sort(([a], [b]) => a - b);
    const sorted = orderedView(this.n, (rank) => {
      for (const [months, n] of ages) {
        if (rank < n) return months;
        rank -= n;
      }
      return Number.NaN;
    });
    return percentileOfSorted(sorted, 0.5);
  }

  sources(): [source: string, n: number][] {
    return [...this.sourceCounts].sort(([a], [b]) => a.localeCompare(b));
  }

  private count(e: PoolEntry, delta: 1 | -1): void {
    bump(this.weights, e.weight, delta);
    if (e.companyId === null) this.unknownCompanyRecords += delta;
    else {
      const own = this.companies.get(e.companyId) ?? new Map<number, number>();
      bump(own, e.weight, delta);
      if (own.size === 0) this.companies.delete(e.companyId);
      else this.companies.set(e.companyId, own);
    }
    bump(this.ages, e.months, delta);
    bump(this.sourceCounts, e.source, delta);
  }
}

/** A zone's own pools: base for the band, bonus and equity each over the records reporting them. */
export interface ZonePools {
  base: PoolStats;
  bonus: PoolStats;
  equity: PoolStats;
}

interface Placement {
  zone: string;
  country: string;
  base: PoolEntry;
  bonus: PoolEntry | null;
  equity: PoolEntry | null;
  inCountry: PoolEntry;
  inGlobal: PoolEntry;
}

export interface GroupContext {
  catalogue: Catalogue;
  policy: StoredPolicy;
  family: string;
}

/**
 * Every pool of one role × level under one policy and catalogue: each zone's own, each country's
 * (anchor-equivalent: amounts divided by their zone's differential) and the global one (in USD,
 * anchor-equivalent). An observation's entries are computed once — eligibility, aging, placement —
 * and removed exactly as they were added, so updates never drift from a rebuild.
 */
export class GroupState {
  readonly zones = new Map<string, ZonePools>();
  readonly countries = new Map<string, PoolStats>();
  global = new PoolStats();
  private readonly placed = new Map<string, Placement>();
  private readonly from: string;
  private readonly effective: string;
  private readonly rate: number;
  private readonly employmentTypes: Set<string>;
  private readonly aging = new Map<string, { months: number; factor: number }>();

  constructor(private readonly context: GroupContext) {
    const { body } = context.policy;
    this.effective = body.effectiveDate;
    this.from = windowStart(this.effective, body.windowMonths);
    this.rate = agingRateFor(body, context.family);
    this.employmentTypes = new Set(body.employmentTypes);
  }

  /** A rebuild: every pool filled and sorted once. */
  static of(observations: Iterable<CellObservation>, context: GroupContext): GroupState {
    const state = new GroupState(context);
    const zones = new Map<string, { base: PoolEntry[]; bonus: PoolEntry[]; equity: PoolEntry[] }>();
    const countries = new Map<string, PoolEntry[]>();
    const global: PoolEntry[] = [];
    for (const o of observations) {
      const p = state.placement(o);
      if (!p) continue;
      state.placed.set(o.key, p);
      let zone = zones.get(p.zone);
      if (!zone) zones.set(p.zone, (zone = { base: [], bonus: [], equity: [] }));
      zone.base.push(p.base);
      if (p.bonus) zone.bonus.push(p.bonus);
      if (p.equity) zone.equity.push(p.equity);
      const country = countries.get(p.country) ?? [];
      country.push(p.inCountry);
      countries.set(p.country, country);
      global.push(p.inGlobal);
    }
    for (const [code, z] of zones) {
      state.zones.set(code, {
        base: PoolStats.of(z.base),
        bonus: PoolStats.of(z.bonus),
        equity: PoolStats.of(z.equity),
      });
    }
    for (const [code, entries] of countries) state.countries.set(code, PoolStats.of(entries));
    state.global = PoolStats.of(global);
    return state;
  }

  get observations(): number {
    return this.placed.size;
  }

  put(o: CellObservation): void {
    this.remove(o.key);
    const p = this.placement(o);
    if (!p) return;
    this.placed.set(o.key, p);
    let zone = this.zones.get(p.zone);
    if (!zone) {
      zone = { base: new PoolStats(), bonus: new PoolStats(), equity: new PoolStats() };
      this.zones.set(p.zone, zone);
    }
    zone.base.add(p.base);
    if (p.bonus) zone.bonus.add(p.bonus);
    if (p.equity) zone.equity.add(p.equity);
    let country = this.countries.get(p.country);
    if (!country) this.countries.set(p.country, (country = new PoolStats()));
    country.add(p.inCountry);
    this.global.add(p.inGlobal);
  }

  remove(key: string): void {
    const p = this.placed.get(key);
    if (!p) return;
    this.placed.delete(key);
    const zone = this.zones.get(p.zone)!;
    zone.base.remove(p.base);
    if (p.bonus) zone.bonus.remove(p.bonus);
    if (p.equity) zone.equity.remove(p.equity);
    if (zone.base.n === 0) this.zones.delete(p.zone);
    const country = this.countries.get(p.country)!;
    country.remove(p.inCountry);
    if (country.n === 0) this.countries.delete(p.country);
    this.global.remove(p.inGlobal);
  }

  /** Where an observation counts, or null when the policy leaves it out (type, window, zone). */
  private placement(o: CellObservation): Placement | null {
    if (!this.employmentTypes.has(o.employmentType)) return null;
    if (o.observedAt < this.from || o.observedAt > this.effective) return null;
    const { catalogue } = this.context;
    const zone = catalogue.zone(o.zone);
    if (!zone) return null;
    const toCountry = countryRate(catalogue, zone, this.effective);
    if (toCountry === undefined) return null;
    const { months, factor } = this.agingOf(o.observedAt);
    const entry = (value: number): PoolEntry => ({
      value,
      weight: o.weight,
      companyId: o.companyId,
      source: o.source,
      months,
    });
    const base = o.base * factor;
    return {
      zone: zone.code,
      country: zone.country,
      base: entry(base),
      bonus: o.bonus === null ? null : entry(o.bonus * factor),
      equity: o.equity === null ? null : entry(o.equity * factor),
      inCountry: entry((base * toCountry) / zone.differential),
      inGlobal: entry((o.baseUsd * factor) / zone.differential),
    };
  }

  /** Whole months to the effective date and the aging factor, once per distinct date. */
  private agingOf(observedAt: string): { months: number; factor: number } {
    let aging = this.aging.get(observedAt);
    if (!aging) {
      const months = agingMonths(observedAt, this.effective);
      aging = { months, factor: ageValue(1, months, this.rate) };
      this.aging.set(observedAt, aging);
    }
    return aging;
  }
}

/** Units of the country pool's currency (its catch-all zone's) per unit of the zone's. */
function countryRate(catalogue: Catalogue, zone: PayZone, date: string): number | undefined {
  const currency = countryZone(catalogue, zone.country)?.currency ?? zone.currency;
  return currency === zone.currency ? 1 : catalogue.convert(1, zone.currency, currency, date)?.rate;
}

export function countryZone(catalogue: Catalogue, country: string): PayZone | undefined {
  return catalogue.zones.find((z) => z.country === country && z.catchAll);
}
