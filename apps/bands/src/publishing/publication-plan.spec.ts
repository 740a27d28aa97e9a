import { hasFigures } from '@rangefinder/contracts';
import type { CellDraft } from '../cells/cell-draft';
import {
  cell,
  draftsFor,
  inZone,
  policyWith,
  TENS,
  useSeedCatalogue,
} from '../cells/group-drafts.fixture';
import { changeOf, planPublication } from './publication-plan';
import type { PublishedBand } from './published-band';
import { publishedFrom } from './published-band.fixture';

useSeedCatalogue();

const policy = policyWith();
const published = (draft: CellDraft, version = 1) => publishedFrom(draft, version);
const latestOf = (...bands: PublishedBand[]) => new Map(bands.map((b) => [b.key, b]));

// Ten records: US-A publishes; three records: every US zone is suppressed, globally too.
let banded: CellDraft;
let suppressed: CellDraft;
beforeAll(() => {
  banded = cell(draftsFor(inZone('US-A', TENS)), 'US-A');
  suppressed = cell(draftsFor(inZone('US-A', TENS.slice(0, 3))), 'US-A');
});

describe('publishing a draft without figures', () => {
  it('the drafts used here are what their names say', () => {
    expect([hasFigures(banded), hasFigures(suppressed)]).toEqual([true, false]);
    expect(suppressed.review.n).toBe(3);
  });

  it('stores nothing for a cell with no band in force: it is withheld', () => {
    expect(changeOf(suppressed, undefined)).toBe('withheld');
    expect(planPublication([suppressed], latestOf(), policy)).toEqual({
      bands: [],
      withdrawals: [],
      unchanged: 0,
      withheld: 1,
    });
  });

  it('withdraws the band in force, holding nothing of the records', () => {
    const plan = planPublication([suppressed], latestOf(published(banded)), policy);
    expect(changeOf(suppressed, published(banded))).toBe('changed');
    expect([plan.bands, plan.withdrawals.length]).toEqual([[], 1]);
    const [withdrawal] = plan.withdrawals;
    expect(withdrawal).toMatchObject({
      key: banded.key,
      basis: 'withdrawn',
      min: null,
      mid: null,
      max: null,
      sample: { n: null, companies: null, sources: [] },
      confidence: null,
      derivedFrom: null,
    });
    expect(withdrawal.provenance).toMatchObject({
      sources: [],
      aging: { medianMonths: null },
      selection: { rule: null, passedOver: [], credibility: null },
    });
    expect(JSON.stringify(withdrawal)).not.toMatch(/"review"|"flags"|"n":3/);
  });

  it('withdraws a band whose cell has no draft any more alike, when everything is published', () => {
    const fromSuppressed = planPublication([suppressed], latestOf(published(banded)), policy);
    const fromUndrafted = planPublication([], latestOf(published(banded)), policy, true);
    expect(fromUndrafted.withdrawals).toEqual(fromSuppressed.withdrawals);
    // Not for a partial publication, and a withdrawal in force is not withdrawn again.
    expect(planPublication([], latestOf(published(banded)), policy).withdrawals).toEqual([]);
    const withdrawn = { ...published(banded, 2), ...fromSuppressed.withdrawals[0] };
    expect(planPublication([], latestOf(withdrawn), policy, true).withdrawals).toEqual([]);
    expect(changeOf(suppressed, withdrawn)).toBe('withheld');
  });

  it('a draft with figures replaces a withdrawal, and an equal one is unchanged', () => {
    const withdrawal = planPublication([suppressed], latestOf(published(banded)), policy)
      .withdrawals[0];
    const withdrawn = { ...published(banded, 2), ...withdrawal };
    expect(changeOf(banded, withdrawn)).toBe('changed');
    expect(changeOf(banded, published(banded))).toBe('unchanged');
    expect(changeOf(banded, undefined)).toBe('new');
  });
});
