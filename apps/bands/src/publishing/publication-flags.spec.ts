import type { CellDraft } from '../cells/cell-draft';
import type { CoherenceFlag } from '../cells/coherence-flag';
import { seeded, useSeedCatalogue } from '../cells/group-drafts.fixture';
import { publicationFlags } from './publication-flags';
import type { PublishedBand } from './published-band';

useSeedCatalogue();

/** The fields the invariants read; the rest of a draft does not matter here. */
const draft = (level: string, zone: string, mid: number, flags: CoherenceFlag[] = []) =>
  ({
    key: `software-engineer|${level}|${zone}`,
    role: 'software-engineer',
    level,
    zone,
    currency: 'EUR',
    percentiles: { p10: null, p25: mid * 0.9, p50: mid, p75: mid * 1.1, p90: null },
    min: mid * 0.9,
    mid,
    max: mid * 1.1,
    components: { bonus: null, equity: null },
    flags,
  }) as unknown as CellDraft;

const published = (d: CellDraft) => d as unknown as PublishedBand;

describe('publicationFlags', () => {
  it('compares a draft with the published bands of the cells not published with it', () => {
    const ic3 = published(draft('IC3', 'DE', 90_000));
    const ic4 = draft('IC4', 'DE', 80_000);
    const flags = publicationFlags([ic4], new Map([[ic3.key, ic3]]), seeded(), '2025-01-01');
    expect(flags.get(ic4.key)?.map((f) => [f.kind, f.against])).toEqual([
      ['ladder-order', 'software-engineer|IC3|DE'],
    ]);
  });

  it('uses the draft, not its published version, for a cell being published', () => {
    const old = published(draft('IC4', 'DE', 80_000));
    const fixed = draft('IC4', 'DE', 95_000);
    const ic3 = draft('IC3', 'DE', 90_000);
    const flags = publicationFlags([fixed, ic3], new Map([[old.key, old]]), seeded(), '2025-01-01');
    expect(flags.size).toBe(0);
  });

  it('keeps the flags a draft was computed with, once each', () => {
    const flag: CoherenceFlag = { kind: 'ladder-order', message: 'below IC3', against: 'x' };
    const held = draft('IC4', 'FR', 80_000, [flag, flag]);
    expect(publicationFlags([held], new Map(), seeded(), '2025-01-01').get(held.key)).toEqual([
      flag,
    ]);
  });
});
