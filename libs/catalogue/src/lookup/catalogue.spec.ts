import fc from 'fast-check';
import type { CatalogueSnapshot } from '../catalogue-snapshot';
import { checkCatalogue } from '../seed/catalogue-checks';
import { seedCatalogue } from '../testing/seed-catalogue';
import { Catalogue } from './catalogue';
import { normalizeKey } from '../matching/normalize';

const V = '2026-01-01.1';
const FIXTURE: CatalogueSnapshot = {
  jobArchitecture: {
    version: V,
    families: [{ code: 'data', name: 'Data' }],
    ladders: [
      {
        code: 'data-ic',
        name: 'Data IC',
        kind: 'individual-contributor',
        levels: [
          { code: 'IC1', name: 'Entry', rank: 1 },
          { code: 'IC2', name: 'Career', rank: 2 },
          { code: 'IC3', name: 'Senior', rank: 3 },
        ],
      },
      {
        code: 'executive',
        name: 'Executive',
        kind: 'executive',
        levels: [{ code: 'E1', name: 'VP', rank: 1 }],
      },
    ],
    roles: [
      { code: 'data-scientist', name: 'Data Scientist', family: 'data', ladder: 'data-ic' },
      { code: 'vp-data', name: 'VP of Data', family: 'data', ladder: 'executive' },
    ],
    careerEdges: [{ from: 'data-scientist', to: 'vp-data', kind: 'advance-to' }],
  },
  titleAliases: {
    version: V,
    aliases: [
      { title: 'Data Scientist', role: 'data-scientist' },
      { title: 'Sr. Data Scientist', role: 'data-scientist', level: 'IC3' },
      { title: 'VP, Data', role: 'vp-data', level: 'E1' },
    ],
    unmapped: [{ title: 'Manager', reason: 'No function named.' }],
  },
  levelCrosswalks: {
    version: V,
    crosswalks: [
      { source: 'survey', sourceLevel: 'MID', ladder: 'data-ic', level: 'IC2' },
      { source: 'survey', sourceLevel: 'EXEC', ladder: 'executive', level: 'E1' },
    ],
  },
  payZones: {
    version: V,
    anchor: 'US-A',
    subdivisions: [
      { country: 'US', code: 'CA', name: 'California' },
      { country: 'US', code: 'ME', name: 'Maine' },
      { country: 'US', code: 'NY', name: 'New York' },
      { country: 'US', code: 'OR', name: 'Oregon' },
    ],
    zones: [
      {
        code: 'US-A',
        name: 'US A',
        country: 'US',
        currency: 'USD',
        differential: 1,
        catchAll: false,
        rules: [
          { country: 'US', region: 'CA', city: 'San Francisco' },
          { country: 'US', region: 'NY', city: 'New York' },
        ],
      },
      {
        code: 'US-B',
        name: 'US B',
        country: 'US',
        currency: 'USD',
        differential: 0.9,
        catchAll: false,
        rules: [
          { country: 'US', region: 'CA' },
          { country: 'US', region: 'OR', city: 'Portland' },
        ],
      },
      {
        code: 'US-C',
        name: 'US C',
        country: 'US',
        currency: 'USD',
        differential: 0.8,
        catchAll: false,
        rules: [
          { country: 'US', region: 'ME' },
          { country: 'US', region: 'ME', city: 'Portland' },
        ],
      },
      {
        code: 'US',
        name: 'US',
        country: 'US',
        currency: 'USD',
        differential: 0.9,
        catchAll: true,
        rules: [],
      },
      {
        code: 'GB-London',
        name: 'London',
        country: 'GB',
        currency: 'GBP',
        differential: 0.6,
        catchAll: false,
        rules: [{ country: 'GB', city: 'London' }],
      },
      {
        code: 'GB',
        name: 'United Kingdom',
        country: 'GB',
        currency: 'GBP',
        differential: 0.5,
        catchAll: true,
        rules: [],
      },
    ],
  },
  fxRates: {
    version: V,
    sources: [
      {
        name: 'test',
        format: 'csv',
        maxAgeDays: null,
        file: 'test.csv',
        sha256: '',
        importedAt: '2026-12-07T00:00:00.000Z',
        importedBy: 'spec',
      },
    ],
    rates: [
      { currency: 'EUR', effectiveFrom: '2024-01-01', usdPerUnit: 1.1, source: 'test' },
      { currency: 'EUR', effectiveFrom: '2022-01-01', usdPerUnit: 1.05, source: 'test' },
      { currency: 'GBP', effectiveFrom: '2000-01-01', usdPerUnit: 1.25, source: 'test' },
    ],
  },
};

describe('Catalogue', () => {
  const catalogue = new Catalogue(FIXTURE);
  const zoneOf = (country: string, region?: string, city?: string) =>
    catalogue.resolveZone({ country, region, city })?.code;

  it('is built from a consistent fixture', () => {
    expect(checkCatalogue(FIXTURE, { fxCoverageFrom: '2000-01-01' })).toEqual([]);
  });

  describe('resolveZone', () => {
    it('prefers a city rule over a region rule over the country catch-all', () => {
      expect(zoneOf('US', 'CA', 'San Francisco')).toBe('US-A');
      expect(zoneOf('US', 'CA', 'Los Angeles')).toBe('US-B');
      expect(zoneOf('US', 'CA')).toBe('US-B');
      expect(zoneOf('US', 'TX', 'Austin')).toBe('US');
      expect(zoneOf('US')).toBe('US');
      expect(zoneOf('GB', undefined, 'London')).toBe('GB-London');
      expect(zoneOf('GB', undefined, 'Manchester')).toBe('GB');
    });

    it('matches country, region and city case-insensitively, and regions by code, prefixed code or name', () => {
      expect(zoneOf('us', 'ca', 'SAN FRANCISCO')).toBe('US-A');
      expect(zoneOf('US', 'US-CA', 'san  francisco')).toBe('US-A');
      expect(zoneOf('US', 'california', 'San-Francisco')).toBe('US-A');
      expect(zoneOf('US', 'New York', 'new york')).toBe('US-A');
      expect(zoneOf('gb', undefined, 'london')).toBe('GB-London');
    });

    it('places a city given without a region only when its name is unambiguous in the country', () => {
      expect(zoneOf('US', undefined, 'San Francisco')).toBe('US-A');
      expect(zoneOf('US', undefined, 'Portland')).toBe('US');
      expect(zoneOf('US', 'OR', 'Portland')).toBe('US-B');
      expect(zoneOf('US', 'Maine', 'Portland')).toBe('US-C');
      expect(zoneOf('US', 'Atlantis', 'San Francisco')).toBe('US-A');
      expect(zoneOf('US', 'Atlantis')).toBe('US');
    });

    it('returns undefined for a country without zones (an unknown location)', () => {
      expect(zoneOf('FR', undefined, 'Paris')).toBeUndefined();
      expect(zoneOf('ZZ')).toBeUndefined();
    });

    it('answers the same from its memo as on first sight', () => {
      for (let i = 0; i < 3; i++) expect(zoneOf('US', 'ca', 'san francisco')).toBe('US-A');
    });
  });

  describe('resolveRole', () => {
    it('uses a known canonical role code first, then the normalized title', () => {
      expect(catalogue.resolveRole({ role: 'vp-data', title: 'Data Scientist' })?.role.code).toBe(
        'vp-data',
      );
      expect(
        catalogue.resolveRole({ role: 'no-such-role', title: 'Data Scientist' })?.role.code,
      ).toBe('data-scientist');
      expect(catalogue.resolveRole({ role: 'no-such-role' })).toBeUndefined();
      expect(catalogue.resolveRole({ title: 'Astronaut' })).toBeUndefined();
      expect(catalogue.resolveRole({})).toBeUndefined();
    });

    it('matches titles ignoring case, punctuation and spacing, with the level the title fixes', () => {
      for (const title of [
        'Sr. Data Scientist',
        'sr data scientist',
        '  SR.  DATA-SCIENTIST ',
        'Sr Data Scientist',
      ]) {
        expect(catalogue.resolveRole({ title })).toEqual({
          role: catalogue.role('data-scientist'),
          fixedLevel: 'IC3',
        });
      }
      expect(catalogue.resolveRole({ title: 'vp data' })).toEqual({
        role: catalogue.role('vp-data'),
        fixedLevel: 'E1',
      });
    });

    it('keeps the reason a title was deliberately left unmapped', () => {
      expect(catalogue.resolveRole({ title: 'manager' })).toBeUndefined();
      expect(catalogue.unmappedReason('MANAGER')).toBe('No function named.');
      expect(catalogue.unmappedReason('Data Scientist')).toBeUndefined();
    });

    it('ignores any decoration of an alias title (property)', () => {
      const decorate = fc
        .tuple(
          fc.constantFrom(...FIXTURE.titleAliases.aliases),
          fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
          fc.constantFrom(' ', '  ', '-', ', ', ' / ', '.'),
        )
        .map(([alias, upper, separator]) => ({
          alias,
          title: ` ${[...alias.title.replace(/[^A-Za-z0-9]+/g, ' ').trim()]
            .map((ch, i) => (upper[i % 32] ? ch.toUpperCase() : ch.toLowerCase()))
            .join('')
            .split(' ')
            .join(separator)} `,
        }));
      fc.assert(
        fc.property(decorate, ({ alias, title }) => {
          expect(catalogue.resolveRole({ title })?.role.code).toBe(alias.role);
          expect(normalizeKey(title)).toBe(normalizeKey(alias.title));
        }),
      );
    });
  });

  describe('resolveLevel and resolveJob', () => {
    const scientist = FIXTURE.jobArchitecture.roles[0];

    it("accepts a canonical level of the role's ladder as-is, in any case", () => {
      expect(catalogue.resolveLevel('anything', 'IC2', scientist)).toBe('IC2');
      expect(catalogue.resolveLevel('anything', 'ic2', 'data-scientist')).toBe('IC2');
      expect(catalogue.resolveLevel('anything', 'E1', scientist)).toBeUndefined();
    });

    it("crosswalks a source's level code for the role's ladder only", () => {
      expect(catalogue.resolveLevel('survey', 'MID', scientist)).toBe('IC2');
      expect(catalogue.resolveLevel('survey', 'mid', scientist)).toBe('IC2');
      expect(catalogue.resolveLevel('other-survey', 'MID', scientist)).toBeUndefined();
      expect(catalogue.resolveLevel('survey', 'EXEC', scientist)).toBeUndefined();
      expect(catalogue.resolveLevel('survey', 'MID', 'no-such-role')).toBeUndefined();
    });

    it('takes an explicit canonical level, then the level the title fixes, then the crosswalk', () => {
      expect(
        catalogue.resolveJob({ source: 'survey', title: 'Sr. Data Scientist', level: 'IC1' }),
      ).toEqual({
        role: scientist,
        level: 'IC1',
        levelBasis: 'canonical',
      });
      expect(
        catalogue.resolveJob({ source: 'survey', title: 'Sr. Data Scientist', level: 'MID' }),
      ).toEqual({
        role: scientist,
        level: 'IC3',
        levelBasis: 'title',
      });
      expect(
        catalogue.resolveJob({ source: 'survey', title: 'Data Scientist', level: 'MID' }),
      ).toEqual({
        role: scientist,
        level: 'IC2',
        levelBasis: 'crosswalk',
      });
      expect(
        catalogue.resolveJob({ source: 'survey', title: 'Data Scientist', level: 'GURU' }),
      ).toEqual({ role: scientist });
      expect(
        catalogue.resolveJob({ source: 'survey', title: 'Astronaut', level: 'IC1' }),
      ).toBeUndefined();
    });
  });

  describe('FX', () => {
    it('uses the latest rate with effectiveFrom on or before the date', () => {
      expect(catalogue.fxUsdPerUnit('EUR', '2021-12-31')).toBeUndefined();
      expect(catalogue.fxUsdPerUnit('EUR', '2022-01-01')).toEqual({
        rate: 1.05,
        asOf: '2022-01-01',
        source: 'test',
      });
      expect(catalogue.fxUsdPerUnit('EUR', '2023-12-31')).toEqual({
        rate: 1.05,
        asOf: '2022-01-01',
        source: 'test',
      });
      expect(catalogue.fxUsdPerUnit('EUR', '2024-01-01')).toEqual({
        rate: 1.1,
        asOf: '2024-01-01',
        source: 'test',
      });
      expect(catalogue.fxUsdPerUnit('EUR', '2031-06-30')).toEqual({
        rate: 1.1,
        asOf: '2024-01-01',
        source: 'test',
      });
      expect(catalogue.fxUsdPerUnit('USD', '2000-01-01')).toEqual({
        rate: 1,
        asOf: '2000-01-01',
        source: 'base',
      });
      expect(catalogue.fxUsdPerUnit('XYZ', '2024-01-01')).toBeUndefined();
    });

    it('converts through USD and records the later rate date', () => {
      const eurToGbp = catalogue.convert(1000, 'EUR', 'GBP', '2024-06-01');
      expect(eurToGbp?.rate).toBeCloseTo(1.1 / 1.25, 12);
      expect(eurToGbp?.amount).toBeCloseTo(880, 9);
      expect(eurToGbp?.asOf).toBe('2024-01-01');
      expect(catalogue.convert(100, 'EUR', 'USD', '2023-03-01')).toEqual({
        amount: 105,
        rate: 1.05,
        asOf: '2022-01-01',
      });
      expect(catalogue.convert(105, 'USD', 'EUR', '2023-03-01')?.amount).toBeCloseTo(100, 9);
      expect(catalogue.convert(100, 'EUR', 'EUR', '2023-03-01')).toEqual({
        amount: 100,
        rate: 1,
        asOf: '2022-01-01',
      });
      expect(catalogue.convert(100, 'EUR', 'USD', '2021-03-01')).toBeUndefined();
      expect(catalogue.convert(100, 'USD', 'XYZ', '2024-03-01')).toBeUndefined();
    });

    it('never uses a rate from after the date, and round-trips a conversion (property)', () => {
      const isoDate = fc
        .date({
          min: new Date('1999-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
      fc.assert(
        fc.property(isoDate, fc.constantFrom('USD', 'EUR', 'GBP'), (date, currency) => {
          const quote = catalogue.fxUsdPerUnit(currency, date);
          if (currency === 'USD')
            return expect(quote).toEqual({ rate: 1, asOf: date, source: 'base' });
          const inForce = FIXTURE.fxRates.rates.filter(
            (r) => r.currency === currency && r.effectiveFrom <= date,
          );
          if (inForce.length === 0) return expect(quote).toBeUndefined();
          const latest = inForce.reduce((a, b) => (a.effectiveFrom > b.effectiveFrom ? a : b));
          expect(quote).toEqual({
            rate: latest.usdPerUnit,
            asOf: latest.effectiveFrom,
            source: 'test',
          });
        }),
      );
      fc.assert(
        fc.property(
          fc.double({ min: 1, max: 1e7, noNaN: true }),
          fc.constantFrom('USD', 'EUR', 'GBP'),
          (amount, to) => {
            const there = catalogue.convert(amount, 'EUR', to, '2024-05-05');
            const back = there && catalogue.convert(there.amount, to, 'EUR', '2024-05-05');
            expect(back?.amount).toBeCloseTo(amount, 6);
          },
        ),
      );
    });
  });

  it('lists roles, levels with their ladder, zones and the anchor zone', () => {
    expect(catalogue.roles.map((r) => r.code)).toEqual(['data-scientist', 'vp-data']);
    expect(catalogue.levels.map((l) => `${l.ladder}/${l.code}`)).toEqual([
      'data-ic/IC1',
      'data-ic/IC2',
      'data-ic/IC3',
      'executive/E1',
    ]);
    expect(catalogue.zones).toHaveLength(6);
    expect(catalogue.anchorZone.code).toBe('US-A');
    expect(catalogue.zone('GB-London')?.differential).toBe(0.6);
    expect(catalogue.ladder('executive')?.kind).toBe('executive');
    expect(catalogue.versions.payZones).toBe(V);
  });
});

describe('Catalogue built from the shipped seed', () => {
  let catalogue: Catalogue;

  beforeAll(async () => {
    catalogue = new Catalogue(await seedCatalogue());
  });

  it.each([
    ['VP of Engineering', 'vp-engineering', 'E1'],
    ['vp engineering', 'vp-engineering', 'E1'],
    ['Vice President, Engineering', 'vp-engineering', 'E1'],
    ['Head of Engineering', 'director-engineering', 'M5'],
    ['Director of Engineering', 'director-engineering', 'M4'],
    ['Engineering Manager', 'engineering-manager', undefined],
    ['Sr. Data Scientist', 'data-scientist', 'IC4'],
    ['Staff Software Engineer', 'software-engineer', 'IC5'],
    ['Principal Machine Learning Engineer', 'ml-engineer', 'IC6'],
    ['Head of Data', 'head-of-data', 'M5'],
    ['Chief Technology Officer', 'cto', 'E3'],
  ])('resolves the title "%s" to %s (level fixed by the title: %s)', (title, role, level) => {
    expect(catalogue.resolveRole({ title })).toEqual({
      role: catalogue.role(role),
      ...(level ? { fixedLevel: level } : {}),
    });
  });

  it('resolves ai-jobs levels through the crosswalk and US locations to zones', () => {
    expect(
      catalogue.resolveJob({ source: 'ai-jobs', title: 'Data Scientist', level: 'SE' })?.level,
    ).toBe('IC4');
    expect(
      catalogue.resolveJob({ source: 'ai-jobs', title: 'Engineering Manager', level: 'MI' })?.level,
    ).toBe('M2');
    expect(
      catalogue.resolveJob({ source: 'ai-jobs', title: 'VP of Engineering', level: 'SE' })?.level,
    ).toBe('E1');
    expect(catalogue.resolveJob({ source: 'ai-jobs', role: 'cto', level: 'SE' })).toEqual({
      role: catalogue.role('cto'),
    });
    expect(
      catalogue.resolveZone({ country: 'US', region: 'CA', city: 'San Francisco' })?.code,
    ).toBe('US-A');
    expect(catalogue.resolveZone({ country: 'US', region: 'Texas', city: 'Austin' })?.code).toBe(
      'US-B',
    );
    expect(catalogue.resolveZone({ country: 'US', region: 'OH', city: 'Columbus' })?.code).toBe(
      'US-C',
    );
    expect(catalogue.resolveZone({ country: 'US', region: 'TX', city: 'El Paso' })?.code).toBe(
      'US',
    );
    expect(catalogue.resolveZone({ country: 'GB', city: 'London' })?.code).toBe('GB-London');
    expect(catalogue.resolveZone({ country: 'DE', city: 'Berlin' })).toMatchObject({
      code: 'DE',
      currency: 'EUR',
    });
  });

  it('answers hot-path lookups far faster than 20,000 datapoints a second', () => {
    const titles = [
      'Data Scientist',
      'Sr. Data Scientist',
      'Machine Learning Engineer',
      'VP of Engineering',
      'Head of Data',
      'Astronaut',
    ];
    const locations = [
      { country: 'US', region: 'CA', city: 'San Francisco' },
      { country: 'US' },
      { country: 'GB', city: 'London' },
      { country: 'DE', region: 'BE', city: 'Berlin' },
    ];
    const iterations = 300_000;
    const started = process.hrtime.bigint();
    let resolved = 0;
    for (let i = 0; i < iterations; i++) {
      const job = catalogue.resolveJob({
        source: 'ai-jobs',
        title: titles[i % titles.length],
        level: 'SE',
      });
      const zone = catalogue.resolveZone(locations[i % locations.length]);
      const fx = catalogue.convert(100_000, 'EUR', zone?.currency ?? 'USD', '2024-06-30');
      if (job?.level && zone && fx) resolved++;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const perSecond = Math.round(iterations / seconds);
    console.log(
      `catalogue hot path: ${perSecond.toLocaleString('en-US')} datapoints/s (role+level, zone, FX each)`,
    );
    expect(resolved).toBeGreaterThan(0);
    expect(perSecond).toBeGreaterThan(200_000);
  });
});
