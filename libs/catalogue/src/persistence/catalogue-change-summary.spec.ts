import type { CatalogueSnapshot } from '../catalogue-snapshot';
import { seedCatalogue } from '../testing/seed-catalogue';
import { CATALOGUE_CONTENT_KINDS, summarizeCatalogueChange } from './catalogue-change-summary';

describe('summarizeCatalogueChange', () => {
  let seed: CatalogueSnapshot;

  beforeAll(async () => {
    seed = await seedCatalogue();
  });

  it('reports everything as added on a first application', () => {
    const summary = summarizeCatalogueChange(undefined, seed);
    expect(Object.keys(summary)).toEqual([...CATALOGUE_CONTENT_KINDS]);
    expect(summary.levels.added).toContain('executive/E1');
    expect(summary.zoneRules.added).toContain('US/CA/san francisco');
    expect(summary.fxRates.added).toEqual(expect.arrayContaining(['CHF', 'EUR', 'AED', 'CLP']));
    for (const kind of CATALOGUE_CONTENT_KINDS)
      expect(summary[kind].added).toHaveLength(summary[kind].count);
  });

  it('reports nothing when only the order of fields differs', () => {
    const reordered = structuredClone(seed);
    reordered.jobArchitecture.roles = reordered.jobArchitecture.roles.map(
      ({ ladder, family, name, code }) => ({ ladder, family, name, code }),
    );
    const summary = summarizeCatalogueChange(seed, reordered);
    for (const kind of CATALOGUE_CONTENT_KINDS)
      expect(summary[kind]).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it('tells moved rules, re-pointed aliases and a new anchor apart from additions', () => {
    const next = structuredClone(seed);
    const usB = next.payZones.zones.find((z) => z.code === 'US-B');
    const usA = next.payZones.zones.find((z) => z.code === 'US-A');
    usA?.rules.push({ country: 'US', region: 'IL', city: 'Chicago' });
    if (usB) usB.rules = usB.rules.filter((r) => r.city !== 'Chicago');
    const alias = next.titleAliases.aliases.find((a) => a.title === 'Engineer');
    if (alias) alias.role = 'systems-engineer';
    const summary = summarizeCatalogueChange(seed, next);
    expect(summary.zoneRules).toMatchObject({ added: [], removed: [], changed: ['US/IL/chicago'] });
    expect(summary.titleAliases).toMatchObject({ added: [], removed: [], changed: ['engineer'] });
  });
});
