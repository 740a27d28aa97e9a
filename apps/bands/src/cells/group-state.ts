import {
  agingMonths,
  ageValue,
  suppressionFromSummary,
  windowStart,
  type SuppressionRules,
} from '@rangefinder/comp-math';
import type { Catalogue, PayZone } from '@rangefinder/catalogue';
import { agingRateFor, type StoredPolicy } from './band-policy';
import type { CellObservation } from './cell-observation';
import { PoolStats, type PoolEntry } from './pool-stats';

export { PoolStats, type PoolEntry } from './pool-stats';

/** A zone's own pools: base for the band, bonus and equity each over the records reporting them. */
export interface ZonePools {
  base: PoolStats;
  bonus: PoolStats;
  equity: PoolStats;
}

interface Placement {
  key: string;
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
 *
 * Complementary suppression: a wider pool must not let a suppressed zone's records be read off as
 * the difference between two published figures (the pool's n minus its published zones' n). So
 * each wider pool is kept twice — all its records, and only those of zones publishable on their
 * own — with the suppressed zones' records aside, and a band uses the whole pool only where the
 * records aside pass the suppression rules together (`countryPool`, `globalPool`).
 */
export class GroupState {
  readonly zones = new Map<string, ZonePools>();
  private readonly all = new Map<string, PoolStats>();
  private readonly published = new Map<string, PoolStats>();
  private allGlobal = new PoolStats();
  private publishedGlobal = new PoolStats();
  /** Per country, the records of its zones that are suppressed on their own. */
  private readonly aside = new Map<string, Map<string, Placement>>();
  private readonly publishable = new Set<string>();
  private readonly keysOfZone = new Map<string, Set<string>>();
  private readonly placed = new Map<string, Placement>();
  private readonly from: string;
  private readonly effective: string;
  private readonly rate: number;
  private readonly rules: SuppressionRules;
  private readonly employmentTypes: Set<string>;
  private readonly aging = new Map<string, { months: number; factor: number }>();

  constructor(private readonly context: GroupContext) {
    const { body } = context.policy;
    this.effective = body.effectiveDate;
    this.from = windowStart(this.effective, body.windowMonths);
    this.rate = agingRateFor(body, context.family);
    this.rules = body.suppression;
    this.employmentTypes = new Set(body.employmentTypes);
  }

  /** A rebuild: every pool filled and sorted once. */
  static of(observations: Iterable<CellObservation>, context: GroupContext): GroupState {
    const state = new GroupState(context);
    const zones = new Map<string, Placement[]>();
    for (const o of observations) {
      const p = state.placement(o);
      if (!p) continue;
      state.placed.set(o.key, p);
      const placements = zones.get(p.zone);
      if (placements) placements.push(p);
      else zones.set(p.zone, [p]);
    }
    const byCountry = new Map<string, { all: PoolEntry[]; published: PoolEntry[] }>();
    const global = { all: [] as PoolEntry[], published: [] as PoolEntry[] };
    for (const [code, placements] of zones) {
      const pools = {
        base: PoolStats.of(placements.map((p) => p.base)),
        bonus: PoolStats.of(placements.flatMap((p) => (p.bonus ? [p.bonus] : []))),
        equity: PoolStats.of(placements.flatMap((p) => (p.equity ? [p.equity] : []))),
      };
      state.zones.set(code, pools);
      state.keysOfZone.set(code, new Set(placements.map((p) => p.key)));
      const own = state.passes(pools.base);
      if (own) state.publishable.add(code);
      for (const p of placements) {
        let country = byCountry.get(p.country);
        if (!country) byCountry.set(p.country, (country = { all: [], published: [] }));
        country.all.push(p.inCountry);
        global.all.push(p.inGlobal);
        if (own) {
          country.published.push(p.inCountry);
          global.published.push(p.inGlobal);
        } else state.setAside(p);
      }
    }
    for (const [code, pools] of byCountry) {
      state.all.set(code, PoolStats.of(pools.all));
      state.published.set(code, PoolStats.of(pools.published));
    }
    state.allGlobal = PoolStats.of(global.all);
    state.publishedGlobal = PoolStats.of(global.published);
    return state;
  }

  get observations(): number {
    return this.placed.size;
  }

  /** Countries holding any record of the group. */
  countries(): string[] {
    return [...this.all.keys()];
  }

  /**
   * The country's pool a band may derive from: all its records where those of its suppressed
   * zones pass the rules together (or there are none), else only its publishable zones'.
   */
  countryPool(country: string): PoolStats | undefined {
    const aside = this.aside.get(country);
    if (!aside || this.passes(PoolStats.of([...aside.values()].map((p) => p.inCountry))))
      return this.all.get(country);
    return this.published.get(country);
  }

  /**
   * The global pool: all records where every country's records aside are used in its own pool, or
   * those left out pass the rules together; else only the publishable zones' records.
   */
  globalPool(): PoolStats {
    const left: Placement[] = [];
    for (const aside of this.aside.values()) {
      const placements = [...aside.values()];
      if (!this.passes(PoolStats.of(placements.map((p) => p.inCountry)))) left.push(...placements);
    }
    return left.length === 0 || this.passes(PoolStats.of(left.map((p) => p.inGlobal)))
      ? this.allGlobal
      : this.publishedGlobal;
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
      this.keysOfZone.set(p.zone, new Set());
    }
    zone.base.add(p.base);
    if (p.bonus) zone.bonus.add(p.bonus);
    if (p.equity) zone.equity.add(p.equity);
    this.keysOfZone.get(p.zone)!.add(p.key);
    this.poolOf(this.all, p.country).add(p.inCountry);
    this.allGlobal.add(p.inGlobal);
    this.placeWide(p, this.publishable.has(p.zone));
    this.restate(p.zone);
  }

  remove(key: string): void {
    const p = this.placed.get(key);
    if (!p) return;
    this.placed.delete(key);
    const zone = this.zones.get(p.zone)!;
    zone.base.remove(p.base);
    if (p.bonus) zone.bonus.remove(p.bonus);
    if (p.equity) zone.equity.remove(p.equity);
    this.keysOfZone.get(p.zone)!.delete(key);
    const country = this.all.get(p.country)!;
    country.remove(p.inCountry);
    this.allGlobal.remove(p.inGlobal);
    this.unplaceWide(p, this.publishable.has(p.zone));
    if (zone.base.n === 0) {
      this.zones.delete(p.zone);
      this.keysOfZone.delete(p.zone);
      this.publishable.delete(p.zone);
    } else this.restate(p.zone);
    if (country.n === 0) {
      this.all.delete(p.country);
      this.published.delete(p.country);
    }
  }

  private passes(pool: PoolStats): boolean {
    return pool.n > 0 && !suppressionFromSummary(pool.summary(), this.rules).cellSuppressed;
  }

  /** A zone whose own publishability changed moves its records between the wider pools' sides. */
  private restate(code: string): void {
    const own = this.passes(this.zones.get(code)!.base);
    if (own === this.publishable.has(code)) return;
    for (const key of this.keysOfZone.get(code)!) {
      const p = this.placed.get(key)!;
      this.unplaceWide(p, !own);
      this.placeWide(p, own);
    }
    if (own) this.publishable.add(code);
    else this.publishable.delete(code);
  }

  private placeWide(p: Placement, own: boolean): void {
    if (!own) return this.setAside(p);
    this.poolOf(this.published, p.country).add(p.inCountry);
    this.publishedGlobal.add(p.inGlobal);
  }

  private unplaceWide(p: Placement, own: boolean): void {
    if (own) {
      this.published.get(p.country)?.remove(p.inCountry);
      this.publishedGlobal.remove(p.inGlobal);
      return;
    }
    const aside = this.aside.get(p.country);
    aside?.delete(p.key);
    if (aside?.size === 0) this.aside.delete(p.country);
  }

  private setAside(p: Placement): void {
    let aside = this.aside.get(p.country);
    if (!aside) this.aside.set(p.country, (aside = new Map<string, Placement>()));
    aside.set(p.key, p);
  }

  private poolOf(pools: Map<string, PoolStats>, country: string): PoolStats {
    let pool = pools.get(country);
    if (!pool) pools.set(country, (pool = new PoolStats()));
    return pool;
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
      key: o.key,
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
