import { Catalogue } from '@rangefinder/catalogue';
import { seedCatalogue } from '@rangefinder/catalogue/testing';
import { offerTermsProblems } from './offer-terms-problems';

const TODAY = '2025-06-01';
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = new Catalogue(await seedCatalogue());
});
const paths = (terms: Parameters<typeof offerTermsProblems>[0], refused?: Set<string>) =>
  offerTermsProblems(terms, catalogue, TODAY, refused).map((p) => p.path);

describe('offerTermsProblems on fields that passed their shape', () => {
  it('checks only the fields present', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ role: 'x' })).toEqual(['role']);
    expect(paths({ location: 'Atlantis' })).toEqual(['location']);
    expect(paths({ currency: 'XXX' })).toEqual(['currency']);
  });

  it("checks a level against the role's ladder only when both are present", () => {
    expect(paths({ role: 'data-scientist' })).toEqual([]);
    expect(paths({ level: 'Z9' })).toEqual([]);
    expect(paths({ role: 'data-scientist', level: 'Z9' })).toEqual(['level']);
  });

  it('checks the base once the currency and the period are known', () => {
    expect(paths({ base: 150_000, period: 'hour' })).toEqual([]);
    expect(paths({ base: 150_000, period: 'hour', currency: 'USD' })).toEqual(['base']);
    // The period was refused for its shape: whether 150,000 is hourly is unknown.
    expect(paths({ base: 150_000, currency: 'USD' }, new Set(['period']))).toEqual([]);
  });

  it('names every field the catalogue refuses together', () => {
    expect(
      paths({ role: 'x', location: 'Atlantis', currency: 'USD', base: 1, period: 'year' }),
    ).toEqual(['role', 'location', 'base']);
  });
});
