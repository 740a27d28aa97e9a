import { percentileOfSorted, type SampleSummary } from '@rangefinder/comp-math';
import { orderedView, SortedSample } from './sorted-sample';

/** What the band rules count of one record; its entries in every pool share it. */
export interface RecordTraits {
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

/** What the rules read off a pool's records: weight per company, total weight, ages and sources. */
export class PoolTally {
  private readonly weights = new Map<number, number>();
  private readonly companies = new Map<string, Map<number, number>>();
  private unknownCompanyRecords = 0;
  readonly ages = new Map<number, number>();
  readonly sourceCounts = new Map<string, number>();

  static of(traits: readonly RecordTraits[]): PoolTally {
    const tally = new PoolTally();
    for (const t of traits) tally.count(t, 1);
    return tally;
  }

  /** The tally of the union of disjoint pools (a country's or the global pool from its zones'). */
  static sum(parts: readonly PoolTally[]): PoolTally {
    const tally = new PoolTally();
    for (const part of parts) {
      for (const [w, n] of part.weights) bump(tally.weights, w, n);
      for (const [company, weights] of part.companies) {
        let own = tally.companies.get(company);
        if (!own) tally.companies.set(company, (own = new Map<number, number>()));
        for (const [w, n] of weights) bump(own, w, n);
      }
      tally.unknownCompanyRecords += part.unknownCompanyRecords;
      for (const [months, n] of part.ages) bump(tally.ages, months, n);
      for (const [source, n] of part.sourceCounts) bump(tally.sourceCounts, source, n);
    }
    return tally;
  }

  count(t: RecordTraits, delta: 1 | -1): void {
    bump(this.weights, t.weight, delta);
    if (t.companyId === null) this.unknownCompanyRecords += delta;
    else {
      const own = this.companies.get(t.companyId) ?? new Map<number, number>();
      bump(own, t.weight, delta);
      if (own.size === 0) this.companies.delete(t.companyId);
      else this.companies.set(t.companyId, own);
    }
    bump(this.ages, t.months, delta);
    bump(this.sourceCounts, t.source, delta);
  }

  summary(n: number): SampleSummary {
    return {
      n,
      companyWeights: [...this.companies.values()].map(weightOf),
      unknownCompanyRecords: this.unknownCompanyRecords,
      totalWeight: weightOf(this.weights),
    };
  }
}

/**
 * A pool of entries kept ready for the band rules: the sorted amounts and the tally of their
 * records. Adding or removing an entry is cheap; so is reading its figures.
 */
export class PoolStats {
  constructor(
    readonly sample = new SortedSample(),
    readonly tally = new PoolTally(),
  ) {}

  /** A pool of these amounts, the i-th of the record with traits[i]. */
  static of(values: readonly number[], traits: readonly RecordTraits[]): PoolStats {
    return new PoolStats(
      SortedSample.of(
        values,
        traits.map((t) => t.weight),
      ),
      PoolTally.of(traits),
    );
  }

  /** An independent pool holding the same entries. */
  copy(): PoolStats {
    return new PoolStats(this.sample.copy(), PoolTally.sum([this.tally]));
  }

  get n(): number {
    return this.sample.size;
  }

  add(value: number, traits: RecordTraits): void {
    this.sample.add(value, traits.weight);
    this.tally.count(traits, 1);
  }

  remove(value: number, traits: RecordTraits): void {
    if (this.sample.remove(value, traits.weight)) this.tally.count(traits, -1);
  }

  summary(): SampleSummary {
    return this.tally.summary(this.n);
  }

  /** Type-7 median of the entries' ages in whole months; null when empty. */
  medianAgeMonths(): number | null {
    if (this.n === 0) return null;
    const ages = [...this.tally.ages].sort(([a], [b]) => a - b);
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
    return [...this.tally.sourceCounts].sort(([a], [b]) => a.localeCompare(b));
  }
}
