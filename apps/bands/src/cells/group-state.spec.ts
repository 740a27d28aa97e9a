import fc from 'fast-check';
import { computeGroupDrafts, groupDrafts } from './group-bands';
import { GroupState } from './group-state';
import { observation, policyWith, seeded, useSeedCatalogue } from './group-drafts.fixture';

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
