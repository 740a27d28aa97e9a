import {
  agingMonths,
  ageValue,
  suppressionFromSummary,
  windowStart,
  type SuppressionRules,
} from '@rangefinder/comp-math';
import type { Catalogue, PayZone } from '@rangefinder/catalogue';
import { agingRateFor, type StoredPolicy } from './band-policy';
import { SortedSample } from './sorted-sample';
import type { CellObservation } from './cell-observation';
import { PoolStats, PoolTally, type RecordTraits } from './pool-stats';

export { PoolStats } from './pool-stats';

/** A zone's own pools: base for the band, bonus and equity each over the records reporting them. */
export interface ZonePools {
  base: PoolStats;
  bonus: PoolStats;
  equity: PoolStats;
}

/**
 * An observation's amounts in each pool it is in (aged, the wider ones anchor-equivalent), and
 * what the rules count of it: its traits in every pool.
 */
interface Placement extends RecordTraits {
  key: string;
  zone: string;
  country: string;
  base: number;
  bonus: number | null;
  equity: number | null;
  inCountry: number;
  inGlobal: number;
}

/** The records of a wider pool, gathered zone by zone: amounts, weights, and the zones' tallies. */
class WiderParts {
  readonly values: number[] = [];
  readonly weights: number[] = [];
  readonly tallies: PoolTally[] = [];

  add(placements: readonly Placement[], amount: (p: Placement) => number, tally: PoolTally): void {
    for (const p of placements) {
      this.values.push(amount(p));
      this.weights.push(p.weight);
    }
    this.tallies.push(tally);
  }

  pool(): PoolStats {
    return new PoolStats(SortedSample.of(this.values, this.weights), PoolTally.sum(this.tallies));
  }
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
  private readonly placed = new Map<string, Placement>();
  private readonly from: string;
  private readonly effective: string;
  private readonly rate: number;
  private readonly rules: SuppressionRules;
  private readonly employmentTypes: Set<string>;
  private readonly aging = new Map<string, { months: number; factor: number }>();
  private readonly toCountry = new Map<string, number | undefined>();

  constructor(private readonly context: GroupContext) {
    const { body } = context.policy;
    this.effective = body.effectiveDate;
    this.from = windowStart(this.effective, body.windowMonths);
    this.rate = agingRateFor(body, context.family);
    this.rules = body.suppression;
    this.employmentTypes = new Set(body.employmentTypes);
  }

  /**
   * A rebuild: every pool filled and sorted once; a wider pool's tally is the sum of its zones'
   * (the same records), so each record is counted once, in its zone.
   */
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
    const byCountry = new Map<string, { all: WiderParts; published: WiderParts }>();
    const global = { all: new WiderParts(), published: new WiderParts() };
    const inCountry = (p: Placement) => p.inCountry;
    const inGlobal = (p: Placement) => p.inGlobal;
    for (const [code, placements] of zones) {
      const reporting = (amount: 'bonus' | 'equity') => {
        const with_ = placements.filter((p) => p[amount] !== null);
        return PoolStats.of(
          with_.map((p) => p[amount]!),
          with_,
        );
      };
      const pools = {
        base: PoolStats.of(
          placements.map((p) => p.base),
          placements,
        ),
        bonus: reporting('bonus'),
        equity: reporting('equity'),
      };
      state.zones.set(code, pools);
      const own = state.passes(pools.base);
      const country = placements[0].country;
      let parts = byCountry.get(country);
      if (!parts)
        byCountry.set(country, (parts = { all: new WiderParts(), published: new WiderParts() }));
      parts.all.add(placements, inCountry, pools.base.tally);
      global.all.add(placements, inGlobal, pools.base.tally);
      if (own) {
        state.publishable.add(code);
        parts.published.add(placements, inCountry, pools.base.tally);
        global.published.add(placements, inGlobal, pools.base.tally);
      } else for (const p of placements) state.setAside(p);
    }
    // Where nothing is set aside, both sides hold the same records: sorted once, then copied.
    const sides = ({ all, published }: { all: WiderParts; published: WiderParts }) => {
      const whole = all.pool();
      const same = published.tallies.length === all.tallies.length;
      return [whole, same ? whole.copy() : published.pool()] as const;
    };
    for (const [code, parts] of byCountry) {
      const [all, published] = sides(parts);
      state.all.set(code, all);
      state.published.set(code, published);
    }
    [state.allGlobal, state.publishedGlobal] = sides(global);
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
    if (!aside || this.passes(poolOf([...aside.values()], (p) => p.inCountry)))
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
      if (!this.passes(poolOf(placements, (p) => p.inCountry))) left.push(...placements);
    }
    return left.length === 0 || this.passes(poolOf(left, (p) => p.inGlobal))
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
    }
    zone.base.add(p.base, p);
    if (p.bonus !== null) zone.bonus.add(p.bonus, p);
    if (p.equity !== null) zone.equity.add(p.equity, p);
    this.poolOf(this.all, p.country).add(p.inCountry, p);
    this.allGlobal.add(p.inGlobal, p);
    this.placeWide(p, this.publishable.has(p.zone));
    this.restate(p.zone);
  }

  remove(key: string): void {
    const p = this.placed.get(key);
    if (!p) return;
    this.placed.delete(key);
    const zone = this.zones.get(p.zone)!;
    zone.base.remove(p.base, p);
    if (p.bonus !== null) zone.bonus.remove(p.bonus, p);
    if (p.equity !== null) zone.equity.remove(p.equity, p);
    const country = this.all.get(p.country)!;
    country.remove(p.inCountry, p);
    this.allGlobal.remove(p.inGlobal, p);
    this.unplaceWide(p, this.publishable.has(p.zone));
    if (zone.base.n === 0) {
      this.zones.delete(p.zone);
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
    // Rare (a zone crossing the rules), so the zone's records are found by a scan of the group.
    for (const p of this.placed.values()) {
      if (p.zone !== code) continue;
      this.unplaceWide(p, !own);
      this.placeWide(p, own);
    }
    if (own) this.publishable.add(code);
    else this.publishable.delete(code);
  }

  private placeWide(p: Placement, own: boolean): void {
    if (!own) return this.setAside(p);
    this.poolOf(this.published, p.country).add(p.inCountry, p);
    this.publishedGlobal.add(p.inGlobal, p);
  }

  private unplaceWide(p: Placement, own: boolean): void {
    if (own) {
      this.published.get(p.country)?.remove(p.inCountry, p);
      this.publishedGlobal.remove(p.inGlobal, p);
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
    const toCountry = this.countryRate(zone);
    if (toCountry === undefined) return null;
    const { months, factor } = this.agingOf(o.observedAt);
    const base = o.base * factor;
    return {
      key: o.key,
      zone: zone.code,
      country: zone.country,
      weight: o.weight,
      companyId: o.companyId,
      source: o.source,
      months,
      base,
      bonus: o.bonus === null ? null : o.bonus * factor,
      equity: o.equity === null ? null : o.equity * factor,
      inCountry: (base * toCountry) / zone.differential,
      inGlobal: (o.baseUsd * factor) / zone.differential,
    };
  }

  /** The zone's rate into its country pool's currency, once per zone. */
  private countryRate(zone: PayZone): number | undefined {
    if (!this.toCountry.has(zone.code)) {
      this.toCountry.set(zone.code, countryRate(this.context.catalogue, zone, this.effective));
    }
    return this.toCountry.get(zone.code);
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

/** A pool of these records' amounts in it. */
function poolOf(placements: readonly Placement[], amount: (p: Placement) => number): PoolStats {
  return PoolStats.of(placements.map(amount), placements);
}

/** Units of the country pool's currency (its catch-all zone's) per unit of the zone's. */
function countryRate(catalogue: Catalogue, zone: PayZone, date: string): number | undefined {
  const currency = countryZone(catalogue, zone.country)?.currency ?? zone.currency;
  return currency === zone.currency ? 1 : catalogue.convert(1, zone.currency, currency, date)?.rate;
}

export function countryZone(catalogue: Catalogue, country: string): PayZone | undefined {
  return catalogue.zones.find((z) => z.country === country && z.catchAll);
}
