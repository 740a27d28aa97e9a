import { type CatalogueSnapshot } from '../catalogue-snapshot';
import { checkCatalogue } from './catalogue-checks';
import { describeProblem } from './catalogue-problems';
import { readFxManifestTable } from '../fx/fx-manifest';
import { loadCatalogueFiles } from './load-catalogue-seed';

describe('checkCatalogue (cross-file consistency)', () => {
  let seed: CatalogueSnapshot;

  beforeAll(async () => {
    seed = { ...(await loadCatalogueFiles()), fxRates: await readFxManifestTable() };
  });

  /**
   * A deep copy of the shipped seed's files (the FX table is shared: zone-currency-checks.spec
   * breaks it), broken by `mutate`; returns the problems as "file path: message".
   */
  function problemsAfter(mutate: (s: CatalogueSnapshot) => void): string[] {
    const { fxRates, ...files } = seed;
    const copy = { ...structuredClone(files), fxRates };
    mutate(copy);
    return checkCatalogue(copy).map(describeProblem);
  }

  const roleIndex = (s: CatalogueSnapshot, code: string) =>
    s.jobArchitecture.roles.findIndex((r) => r.code === code);
  const zoneIndex = (s: CatalogueSnapshot, code: string) =>
    s.payZones.zones.findIndex((z) => z.code === code);

  it('finds nothing wrong with the shipped seed', () => {
    expect(checkCatalogue(seed)).toEqual([]);
  });

  it("rejects a role whose job family doesn't exist", () => {
    const problems = problemsAfter((s) => {
      s.jobArchitecture.roles[roleIndex(s, 'data-scientist')].family = 'astrology';
    });
    expect(problems).toEqual([
      `job-architecture.json roles[${roleIndex(seed, 'data-scientist')}].family: job family "astrology" of role "data-scientist" is not in families`,
    ]);
  });

  it("rejects a role whose ladder doesn't exist", () => {
    const problems = problemsAfter((s) => {
      s.jobArchitecture.roles[0].ladder = 'wizard-ic';
    });
    expect(problems).toContain(
      'job-architecture.json roles[0].ladder: ladder "wizard-ic" of role "software-engineer" is not in ladders',
    );
  });

  it('rejects duplicate codes, ranks and career edges', () => {
    const problems = problemsAfter((s) => {
      s.jobArchitecture.families.push({ ...s.jobArchitecture.families[0] });
      s.jobArchitecture.ladders[0].levels[1].rank = s.jobArchitecture.ladders[0].levels[0].rank;
      s.jobArchitecture.careerEdges.push({ ...s.jobArchitecture.careerEdges[0] });
    });
    const families = seed.jobArchitecture.families.length;
    const edges = seed.jobArchitecture.careerEdges.length;
    expect(problems).toEqual(
      expect.arrayContaining([
        `job-architecture.json families[${families}].code: duplicate family code (first at families[0].code)`,
        'job-architecture.json ladders[0].levels[1].rank: duplicate level rank in this ladder (first at ladders[0].levels[0].rank)',
        `job-architecture.json careerEdges[${edges}]: duplicate career edge between the same roles (first at careerEdges[0])`,
      ]),
    );
  });

  it('rejects career edges to unknown roles and to the same role', () => {
    const problems = problemsAfter((s) => {
      s.jobArchitecture.careerEdges.push({
        from: 'vp-engineering',
        to: 'galactic-emperor',
        kind: 'advance-to',
      });
      s.jobArchitecture.careerEdges.push({ from: 'cto', to: 'cto', kind: 'lateral' });
    });
    const n = seed.jobArchitecture.careerEdges.length;
    expect(problems).toEqual([
      `job-architecture.json careerEdges[${n}].to: role "galactic-emperor" is not in roles`,
      `job-architecture.json careerEdges[${n + 1}]: a career edge must join two different roles ("cto")`,
    ]);
  });

  it("rejects an alias to a role that doesn't exist", () => {
    const problems = problemsAfter((s) => {
      s.titleAliases.aliases[5].role = 'data-scientst';
    });
    expect(problems).toEqual([
      'title-aliases.json aliases[5].role: role "data-scientst" is not in job-architecture.json roles',
    ]);
  });

  it("rejects an alias whose fixed level is not on the role's ladder", () => {
    const problems = problemsAfter((s) => {
      s.titleAliases.aliases.push({
        title: 'Data Science Overlord',
        role: 'data-scientist',
        level: 'M2',
      });
    });
    expect(problems).toEqual([
      `title-aliases.json aliases[${seed.titleAliases.aliases.length}].level: level "M2" is not on ladder "data-ic" of role "data-scientist" (levels: IC1, IC2, IC3, IC4, IC5, IC6)`,
    ]);
  });

  it('rejects two aliases that normalize to the same title, and an unmapped title that has an alias', () => {
    const problems = problemsAfter((s) => {
      s.titleAliases.aliases.push({ title: 'data   SCIENTIST!', role: 'data-analyst' });
      s.titleAliases.unmapped.push({ title: 'Software Engineer', reason: 'oops' });
    });
    const n = seed.titleAliases.aliases.length;
    expect(problems).toEqual([
      `title-aliases.json aliases[${n}].title: duplicate title (after normalizing case, spaces and punctuation) (first at aliases[0].title)`,
      `title-aliases.json unmapped[${seed.titleAliases.unmapped.length}].title: "Software Engineer" is listed as unmapped but also has an alias`,
    ]);
  });

  it("rejects a crosswalk to a level that isn't in its ladder, or to an unknown ladder", () => {
    const problems = problemsAfter((s) => {
      s.levelCrosswalks.crosswalks[0].level = 'M4';
      s.levelCrosswalks.crosswalks[1].ladder = 'nowhere';
    });
    expect(problems).toEqual([
      'level-crosswalks.json crosswalks[0].level: level "M4" is not on ladder "engineering-ic" (levels: IC1, IC2, IC3, IC4, IC5, IC6)',
      'level-crosswalks.json crosswalks[1].ladder: ladder "nowhere" is not in job-architecture.json ladders',
    ]);
  });

  it('rejects a crosswalk that repeats a source level (case-insensitively) or shadows a canonical code', () => {
    const problems = problemsAfter((s) => {
      s.levelCrosswalks.crosswalks.push({ ...s.levelCrosswalks.crosswalks[0], sourceLevel: 'en' });
      s.levelCrosswalks.crosswalks.push({
        source: 'ai-jobs',
        sourceLevel: 'ic4',
        ladder: 'data-ic',
        level: 'IC5',
      });
    });
    const n = seed.levelCrosswalks.crosswalks.length;
    expect(problems).toEqual([
      `level-crosswalks.json crosswalks[${n + 1}].sourceLevel: "ic4" is a canonical level of ladder "data-ic"; canonical codes are accepted as-is, so this row would never apply`,
      `level-crosswalks.json crosswalks[${n}]: duplicate source level for this source and ladder (first at crosswalks[0])`,
    ]);
  });

  it('rejects a missing anchor zone, and an anchor whose differential is not 1', () => {
    expect(problemsAfter((s) => (s.payZones.anchor = 'US-Z'))).toEqual([
      'pay-zones.json anchor: anchor zone "US-Z" is not in zones',
    ]);
    expect(
      problemsAfter((s) => {
        s.payZones.zones[zoneIndex(s, 'US-A')].differential = 1.1;
      }),
    ).toEqual([
      'pay-zones.json anchor: anchor zone "US-A" must have differential 1 (differentials are relative to it), not 1.1',
    ]);
  });

  it('requires exactly one catch-all zone per country that has zones', () => {
    expect(
      problemsAfter((s) => {
        s.payZones.zones[zoneIndex(s, 'GB')].catchAll = false;
        s.payZones.zones[zoneIndex(s, 'GB')].rules = [{ country: 'GB', city: 'Manchester' }];
      }),
    ).toEqual([
      'pay-zones.json zones: country "GB" has zones but no catch-all zone; locations there outside every rule would resolve to nothing',
    ]);
    expect(
      problemsAfter((s) => {
        s.payZones.zones.push({ ...s.payZones.zones[zoneIndex(s, 'DE')], code: 'DE-2' });
      }),
    ).toEqual([
      `pay-zones.json zones[${seed.payZones.zones.length}].catchAll: country "DE" has 2 catch-all zones (DE, DE-2); it must have exactly one`,
    ]);
  });

  it('rejects a rule outside its zone country, a rule with neither region nor city, an unknown region and a location in two zones', () => {
    const b = zoneIndex(seed, 'US-B');
    const problems = problemsAfter((s) => {
      const rules = s.payZones.zones[b].rules;
      rules.push({ country: 'CA', city: 'Toronto' });
      rules.push({ country: 'US' });
      rules.push({ country: 'US', region: 'Calif', city: 'Fresno' });
      rules.push({ country: 'US', region: 'california', city: 'SAN  FRANCISCO' });
    });
    const n = seed.payZones.zones[b].rules.length;
    expect(problems).toEqual([
      `pay-zones.json zones[${b}].rules[${n}].country: rule country "CA" differs from zone "US-B" country "US"`,
      `pay-zones.json zones[${b}].rules[${n + 1}]: a rule needs a region or a city; the country as a whole is the catch-all zone`,
      `pay-zones.json zones[${b}].rules[${n + 2}].region: region "Calif" is not a subdivision of US listed in subdivisions (use an ISO 3166-2 code such as CA)`,
      `pay-zones.json zones[${b}].rules[${n + 3}]: the same location is already a rule at zones[0].rules[0] (zone US-A); a location must resolve to one zone`,
    ]);
  });
});
