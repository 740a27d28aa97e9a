import { cell, draftsFor, inZone, TENS, useSeedCatalogue } from '../cells/group-drafts.fixture';
import { publicPart } from './published-band';

useSeedCatalogue();

describe('the public part of a draft', () => {
  it('gives a zone with 3 records and one with none the same public answer', () => {
    const drafts = draftsFor([
      ...inZone('US-A', TENS),
      ...inZone('US-B', [94_500, 103_500, 112_500]),
    ]);
    const { key: _b, zone: _zb, derivedFrom: _db, ...usB } = publicPart(cell(drafts, 'US-B'));
    const { key: _c, zone: _zc, derivedFrom: _dc, ...usC } = publicPart(cell(drafts, 'US-C'));
    const figures = ['percentiles', 'min', 'mid', 'max', 'spread'] as const;
    for (const f of figures) delete (usB as Record<string, unknown>)[f];
    for (const f of figures) delete (usC as Record<string, unknown>)[f];
    expect(usB).toEqual(usC);
  });
});
