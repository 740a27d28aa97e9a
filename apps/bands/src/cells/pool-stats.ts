import { percentileOfSorted, type SampleSummary } from '@rangefinder/comp-math';
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
