import fc from 'fast-check';
import { BandVersionIndex } from './band-version-index';

interface Version {
  version: number;
  effectiveFrom: string;
  note?: string;
}

const CELL = 'data-scientist|IC4|US-A';
const OTHER = 'data-scientist|IC4|US-B';

function indexOf(versions: Version[], cell = CELL): BandVersionIndex<Version> {
  const index = new BandVersionIndex<Version>();
  for (const v of versions) index.add(cell, v);
  return index;
}

const v = (version: number, effectiveFrom: string, note?: string): Version =>
  note === undefined ? { version, effectiveFrom } : { version, effectiveFrom, note };

describe('BandVersionIndex.applying', () => {
  // Published in this order; v3 corrects 2025 from mid-year, v4 is announced for 2026.
  const index = indexOf([
    v(1, '2024-01-01'),
    v(2, '2025-01-01'),
    v(3, '2025-07-01'),
    v(4, '2026-01-01'),
  ]);

  it.each([
    ['2024-01-01', 1],
    ['2024-12-31', 1],
    ['2025-01-01', 2],
    ['2025-06-30', 2],
    ['2025-07-01', 3],
    ['2025-12-31', 3],
    ['2026-01-01', 4],
    ['2031-05-05', 4],
  ])('on %s applies version %d', (asOf, version) => {
    expect(index.applying(CELL, asOf)?.version).toBe(version);
  });

  it('applies nothing before the first effective date', () => {
    expect(index.applying(CELL, '2023-12-31')).toBeUndefined();
  });

  it('knows nothing of a cell it was never given', () => {
    expect(index.applying(OTHER, '2025-03-01')).toBeUndefined();
    expect(index.latest(OTHER)).toBeUndefined();
    expect(index.history(OTHER)).toEqual([]);
  });

  it('prefers the newer version between two effective the same day', () => {
    const tied = indexOf([v(5, '2025-01-01', 'later'), v(2, '2025-01-01', 'earlier')]);
    expect(tied.applying(CELL, '2025-01-01')).toEqual(v(5, '2025-01-01', 'later'));
    expect(tied.applying(CELL, '2025-02-01')?.version).toBe(5);
  });

  it('goes by effective date, not by version, when a later version is backdated', () => {
    const backdated = indexOf([v(1, '2025-01-01'), v(2, '2024-06-01')]);
    expect(backdated.applying(CELL, '2024-07-01')?.version).toBe(2);
    expect(backdated.applying(CELL, '2025-03-01')?.version).toBe(1);
    expect(backdated.applying(CELL, '2024-05-31')).toBeUndefined();
  });

  it('keeps cells apart', () => {
    const two = indexOf([v(1, '2025-01-01')]);
    two.add(OTHER, v(9, '2024-01-01'));
    expect(two.applying(CELL, '2024-06-01')).toBeUndefined();
    expect(two.applying(OTHER, '2024-06-01')?.version).toBe(9);
    expect(two.applying(CELL, '2025-06-01')?.version).toBe(1);
  });
});

describe('BandVersionIndex.add', () => {
  it('replaces the same (cell, version), so a redelivered event is harmless', () => {
    const index = indexOf([v(1, '2024-01-01'), v(2, '2025-01-01'), v(2, '2025-01-01')]);
    expect(index.history(CELL)).toEqual([v(1, '2024-01-01'), v(2, '2025-01-01')]);
    expect(index.applying(CELL, '2025-02-01')?.version).toBe(2);
  });

  it('keeps the last delivery of a version, even with another effective date', () => {
    const index = indexOf([v(1, '2024-01-01'), v(2, '2025-01-01', 'first')]);
    index.add(CELL, v(2, '2023-01-01', 'redelivered'));
    expect(index.history(CELL)).toEqual([v(1, '2024-01-01'), v(2, '2023-01-01', 'redelivered')]);
    // Version 2 now applies from 2023 until version 1 takes over in 2024.
    expect(index.applying(CELL, '2023-06-01')?.note).toBe('redelivered');
    expect(index.applying(CELL, '2025-02-01')?.version).toBe(1);
  });

  it('replaces a version only in its own cell', () => {
    const index = indexOf([v(1, '2024-01-01', 'A')]);
    index.add(OTHER, v(1, '2024-01-01', 'B'));
    expect(index.latest(CELL)?.note).toBe('A');
    expect(index.latest(OTHER)?.note).toBe('B');
  });
});

describe('BandVersionIndex.latest, history and cells', () => {
  it('gives the highest version as latest, whatever its effective date', () => {
    const index = indexOf([v(1, '2025-01-01'), v(3, '2024-06-01'), v(2, '2026-01-01')]);
    expect(index.latest(CELL)?.version).toBe(3);
  });

  it('lists history oldest version first, whatever the order of arrival or effective date', () => {
    const index = indexOf([v(3, '2024-06-01'), v(1, '2025-01-01'), v(2, '2026-01-01')]);
    expect(index.history(CELL).map((b) => b.version)).toEqual([1, 2, 3]);
  });

  it('hands out history as a copy', () => {
    const index = indexOf([v(1, '2025-01-01'), v(2, '2026-01-01')]);
    index.history(CELL).splice(0, 2);
    expect(index.history(CELL)).toHaveLength(2);
    expect(index.applying(CELL, '2025-06-01')?.version).toBe(1);
  });

  it('lists cells sorted', () => {
    const index = new BandVersionIndex<Version>();
    expect(index.cells()).toEqual([]);
    for (const cell of ['vp-engineering|E2|US-A', 'data-scientist|IC4|US-B', CELL]) {
      index.add(cell, v(1, '2025-01-01'));
    }
    index.add(CELL, v(2, '2025-06-01'));
    expect(index.cells()).toEqual([CELL, OTHER, 'vp-engineering|E2|US-A']);
  });
});

describe('BandVersionIndex properties', () => {
  const isoDay = fc
    .integer({ min: 0, max: 6 * 365 })
    .map((days) => new Date(Date.UTC(2022, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));
  const deliveries = fc.array(
    fc.record({ version: fc.integer({ min: 1, max: 12 }), effectiveFrom: isoDay }),
    { minLength: 1, maxLength: 30 },
  );

  /** What each version finally is: the last delivery of it. */
  function finalVersions(delivered: Version[]): Version[] {
    const byVersion = new Map<number, Version>();
    for (const d of delivered) byVersion.set(d.version, d);
    return [...byVersion.values()];
  }

  it('applies the latest effective on or before the date, ties to the newer version', () => {
    fc.assert(
      fc.property(deliveries, isoDay, (delivered, asOf) => {
        const versions = finalVersions(delivered);
        const eligible = versions.filter((b) => b.effectiveFrom <= asOf);
        const expected = eligible.reduce<Version | undefined>(
          (best, b) =>
            !best ||
            b.effectiveFrom > best.effectiveFrom ||
            (b.effectiveFrom === best.effectiveFrom && b.version > best.version)
              ? b
              : best,
          undefined,
        );
        const index = indexOf(delivered);
        expect(index.applying(CELL, asOf)).toEqual(expected);
        expect(index.latest(CELL)?.version).toBe(Math.max(...versions.map((b) => b.version)));
        expect(index.history(CELL)).toEqual([...versions].sort((a, b) => a.version - b.version));
      }),
    );
  });

  it('does not depend on the order of delivery of distinct versions', () => {
    const distinct = fc.uniqueArray(
      fc.record({ version: fc.integer({ min: 1, max: 50 }), effectiveFrom: isoDay }),
      { selector: (b) => b.version, minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(distinct, isoDay, (versions, asOf) => {
        const forward = indexOf(versions);
        const backward = indexOf([...versions].reverse());
        expect(backward.applying(CELL, asOf)).toEqual(forward.applying(CELL, asOf));
        expect(backward.history(CELL)).toEqual(forward.history(CELL));
      }),
    );
  });

  it('applies nothing only when every version takes effect after the date', () => {
    fc.assert(
      fc.property(deliveries, isoDay, (delivered, asOf) => {
        const applied = indexOf(delivered).applying(CELL, asOf);
        if (applied) expect(applied.effectiveFrom <= asOf).toBe(true);
        else expect(finalVersions(delivered).every((b) => b.effectiveFrom > asOf)).toBe(true);
      }),
    );
  });
});
