import { currencyDecimals, roundMoney, zoneStructureRange } from '@rangefinder/comp-math';
import type { StructureRange } from './structure-range';
import {
  cell,
  draftsFor,
  EFFECTIVE,
  inZone,
  seeded,
  TENS,
  useSeedCatalogue,
} from './group-drafts.fixture';

useSeedCatalogue();

describe('computeGroupDrafts: structures', () => {
  const structure: StructureRange = {
    structureId: 7,
    name: 'Data 2025',
    currency: 'USD',
    rounding: 'nearest-1000',
    payCap: null,
    min: 100_000,
    mid: 125_000,
    max: 150_000,
  };

  it('gives every zone the anchor range × differential, rounded and converted', () => {
    const drafts = draftsFor(inZone('US-A', TENS), { structure });
    expect(drafts).toHaveLength(seeded().zones.length);
    const edges = (zone: string) => {
      const d = cell(drafts, zone);
      return [d.min, d.mid, d.max];
    };
    expect(edges('US-A')).toEqual([100_000, 125_000, 150_000]);
    expect(edges('US-B')).toEqual([90_000, 113_000, 135_000]);
    expect(edges('US-C')).toEqual([80_000, 100_000, 120_000]);
    expect(edges('GB')).toEqual([40_000, 50_000, 60_000]);

    for (const d of drafts) {
      const zone = seeded().zone(d.zone)!;
      const fx = seeded().convert(1, 'USD', zone.currency, EFFECTIVE)!.rate;
      const range = zoneStructureRange(
        { min: 100_000 * fx, mid: 125_000 * fx, max: 150_000 * fx },
        zone.differential,
        'nearest-1000',
      );
      const decimals = currencyDecimals(zone.currency);
      expect({ zone: d.zone, basis: d.basis, edges: [d.min, d.mid, d.max] }).toEqual({
        zone: d.zone,
        basis: 'structure',
        edges: [range.min, range.mid, range.max].map((v) => roundMoney(v, decimals)),
      });
      expect(d.derivedFrom).toEqual({ scope: 'structure', key: 'Data 2025#7' });
      expect(d.openEnded).toBe(false);
    }
    expect(cell(drafts, 'US-A').provenance.structure).toEqual({
      id: 7,
      name: 'Data 2025',
      rounding: 'nearest-1000',
      payCap: null,
    });
  });

  it('caps every edge at the pay cap', () => {
    const drafts = draftsFor([], { structure: { ...structure, payCap: 140_000 } });
    const usA = cell(drafts, 'US-A');
    expect([usA.min, usA.mid, usA.max]).toEqual([100_000, 125_000, 140_000]);
    const usB = cell(drafts, 'US-B');
    expect(usB.max).toBe(135_000);
  });

  it('makes an executive structure open-ended', () => {
    const drafts = draftsFor([], { structure, role: 'vp-engineering', level: 'E2' });
    expect(drafts.every((d) => d.basis === 'structure' && d.openEnded)).toBe(true);
  });
});
