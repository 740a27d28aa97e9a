import { ladderFlags, orderFlags, zoneFlags, type BandFigures } from './coherence';
import { seeded, useSeedCatalogue } from './group-drafts.fixture';

useSeedCatalogue();

const band = (
  role: string,
  level: string,
  zone: string,
  mid: number,
  currency = 'USD',
): BandFigures => ({
  key: `${role}|${level}|${zone}`,
  role,
  level,
  zone,
  currency,
  percentiles: { p10: null, p25: mid * 0.8, p50: mid, p75: mid * 1.2, p90: null },
  min: mid * 0.8,
  mid,
  max: mid * 1.2,
  components: { bonus: null, equity: null },
});

describe('orderFlags', () => {
  it('flags each pair of published points out of order, skipping suppressed ones', () => {
    const b = band('product-designer', 'IC3', 'US', 121_684.86);
    b.percentiles = {
      p10: 50_644.53,
      p25: 104_958.02,
      p50: 121_684.86,
      p75: 188_272.26,
      p90: 185_402.45,
    };
    expect(orderFlags(b)).toEqual([
      { kind: 'percentile-order', message: 'P75 $188,272.26 above P90 $185,402.45' },
    ]);
    b.percentiles.p90 = null;
    expect(orderFlags(b)).toEqual([]);
  });

  it('checks bonus and equity and the edges too', () => {
    const b = band('data-scientist', 'IC3', 'US', 100_000);
    b.components.bonus = { p10: null, p25: 9_000, p50: 8_000, p75: 12_000, p90: null };
    b.max = 90_000;
    expect(orderFlags(b).map((f) => f.message)).toEqual([
      'bonus P25 $9,000.00 above P50 $8,000.00',
      'edges out of order: min 80000, mid 100000, max 90000',
    ]);
  });

  it('accepts equal points', () => {
    const b = band('data-scientist', 'IC3', 'US', 100_000);
    b.percentiles = { p10: 1, p25: 1, p50: 1, p75: 1, p90: 1 };
    expect(orderFlags(b)).toEqual([]);
  });
});

describe('zoneFlags', () => {
  it('flags a higher differential with a lower midpoint, on both cells, per country', () => {
    const flags = zoneFlags(
      [
        band('engineering-manager', 'M2', 'US-A', 197_855.53),
        band('engineering-manager', 'M2', 'US', 215_896.13),
        band('engineering-manager', 'M2', 'US-B', 200_000),
        band('engineering-manager', 'M2', 'GB', 50_000, 'GBP'),
      ],
      seeded(),
      '2025-01-01',
    );
    expect(flags.get('engineering-manager|M2|US-A')).toEqual([
      {
        kind: 'zone-order',
        against: 'engineering-manager|M2|US',
        message:
          'mid $197,855.53 below zone US (differential 0.9) (mid $215,896.13), which ranks lower',
      },
      {
        kind: 'zone-order',
        against: 'engineering-manager|M2|US-B',
        message:
          'mid $197,855.53 below zone US-B (differential 0.9) (mid $200,000.00), which ranks lower',
      },
    ]);
    expect(flags.get('engineering-manager|M2|US')?.map((f) => f.against)).toEqual([
      'engineering-manager|M2|US-A',
    ]);
    expect(flags.has('engineering-manager|M2|GB')).toBe(false);
  });

  it('compares zones paying different currencies at the date’s rate', () => {
    // GB-London (0.60) pays £; a US-dollar GB band of $70k is £55.9k, above London's £55k.
    const flags = zoneFlags(
      [
        band('data-scientist', 'IC3', 'GB-London', 55_000, 'GBP'),
        band('data-scientist', 'IC3', 'GB', 70_000, 'USD'),
      ],
      seeded(),
      '2025-01-01',
    );
    expect(flags.get('data-scientist|IC3|GB-London')?.[0].kind).toBe('zone-order');
  });

  it('never compares a band without a midpoint', () => {
    const empty = { ...band('data-scientist', 'IC3', 'US', 1), mid: null };
    expect(
      zoneFlags([empty, band('data-scientist', 'IC3', 'US-A', 100)], seeded(), '2025-01-01').size,
    ).toBe(0);
  });
});

describe('ladderFlags', () => {
  it('flags a higher level with a lower midpoint in the same zone, on both', () => {
    const flags = ladderFlags(
      [
        band('software-engineer', 'IC3', 'DE', 90_339.39, 'EUR'),
        band('software-engineer', 'IC4', 'DE', 80_548.86, 'EUR'),
        band('software-engineer', 'IC4', 'FR', 100_000, 'EUR'),
      ],
      seeded(),
    );
    expect(flags.get('software-engineer|IC4|DE')).toEqual([
      {
        kind: 'ladder-order',
        against: 'software-engineer|IC3|DE',
        message: 'mid €80,548.86 below level IC3 (mid €90,339.39), which ranks lower',
      },
    ]);
    expect(flags.get('software-engineer|IC3|DE')?.[0].against).toBe('software-engineer|IC4|DE');
    expect(flags.has('software-engineer|IC4|FR')).toBe(false);
  });
});
