import fc from 'fast-check';
import { PERCENTILE_KEYS } from '@rangefinder/comp-math';
import { computeGroupDrafts, groupDrafts } from './group-bands';
import { GroupState } from './group-state';
import {
  draftsFor,
  EFFECTIVE,
  observation,
  policyWith,
  publicFigures,
  seeded,
  useSeedCatalogue,
} from './group-drafts.fixture';

useSeedCatalogue();

// Mostly US-A, so one zone is publishable while the others hold a few records.
const ZONES = ['US-A', 'US-A', 'US-A', 'US-A', 'US-B', 'US', 'GB', 'GB', 'GB-London', 'DE'];

describe('GroupState: updates equal a rebuild', () => {
  // Small zones cross the suppression thresholds both ways, moving their records in and out of
  // the wider pools' complementary sides.
  const step = fc.record({
    id: fc.integer({ min: 1, max: 40 }),
    zone: fc.constantFrom(...ZONES),
    base: fc.integer({ min: 40_000, max: 250_000 }),
    companyId: fc.constantFrom(null, null, null, null, 'a', 'b'),
    erase: fc.constantFrom(false, false, false, true),
  });

  it('gives the same drafts after any sequence of puts, corrections and erasures', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const catalogue = seeded();
        const role = catalogue.role('data-scientist')!;
        const policy = policyWith();
        const context = { catalogue, policy, family: role.family };
        const settings = { role, level: 'IC3', policy, catalogue };
        const incremental = new GroupState(context);
        const held = new Map<string, ReturnType<typeof observation>>();
        for (const s of steps) {
          const key = `k:${s.id}`;
          if (s.erase) {
            incremental.remove(key);
            held.delete(key);
            continue;
          }
          const o = {
            ...observation(s.zone, s.base, { companyId: s.companyId }),
            key,
            baseUsd: s.zone.startsWith('GB') ? s.base * 1.25 : s.base,
          };
          incremental.put(o);
          held.set(key, o);
        }
        expect(groupDrafts(incremental, settings)).toEqual(
          computeGroupDrafts({ ...settings, observations: held.values() }),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('computeGroupDrafts: properties', () => {
  const ZONES = ['US-A', 'US-B', 'US', 'GB', 'GB-London'];
  const DATES = [
    '2022-06-01',
    '2023-01-01',
    '2023-09-15',
    '2024-05-31',
    '2024-12-31',
    EFFECTIVE,
    '2025-03-01',
  ];
  const record = fc
    .record({
      zone: fc.constantFrom(...ZONES),
      base: fc.integer({ min: 30_000, max: 300_000 }),
      weight: fc.constantFrom(1, 1, 1, 2, 0.5),
      companyId: fc.constantFrom(null, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      observedAt: fc.constantFrom(...DATES),
      employmentType: fc.constantFrom('FT' as const, 'FT' as const, 'PT' as const),
      bonus: fc.option(fc.integer({ min: 0, max: 50_000 })),
    })
    .map(({ zone, base, ...fields }) =>
      observation(zone, base, { ...fields, baseUsd: zone.startsWith('GB') ? base * 1.25 : base }),
    );
  const sample = fc.array(record, { maxLength: 40 });

  it('gives the same drafts whatever order the observations arrive in', () => {
    fc.assert(
      fc.property(
        sample.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        ([list, shuffled]) => {
          expect(draftsFor(shuffled)).toEqual(draftsFor(list));
        },
      ),
    );
  });

  it('never publishes a zone’s suppressed sample on its own basis, and keeps edges ordered', () => {
    fc.assert(
      fc.property(sample, (list) => {
        for (const d of draftsFor(list)) {
          const ownSuppressed = d.review.suppressionReasons.some(
            (r) => r !== 'too-few-observations-for-tails',
          );
          if (ownSuppressed) expect(d.basis).not.toBe('market');
          if (d.basis === 'suppressed') expect(publicFigures(d)).toEqual([]);
          if (d.basis === 'derived') expect(d.confidence?.level).not.toBe('high');
          const points = PERCENTILE_KEYS.map((k) => d.percentiles[k]).filter((v) => v !== null);
          expect(points).toEqual([...points].sort((a, b) => a - b));
          if (d.min !== null) expect(d.min <= d.mid! && d.mid! <= d.max!).toBe(true);
        }
      }),
    );
  });
});
