import { seedCatalogue } from '../testing/seed-catalogue';
import { Catalogue } from './catalogue';
import { parseLocationText } from './location-text';

describe('parseLocationText', () => {
  it('reads country, region and city, offering both readings of two parts', () => {
    expect(parseLocationText('US')).toEqual([{ country: 'US' }]);
    expect(parseLocationText('gb-London')).toEqual([
      { country: 'GB', city: 'London' },
      { country: 'GB', region: 'London' },
    ]);
    expect(parseLocationText('US-NC-Winston-Salem')).toEqual([
      { country: 'US', region: 'NC', city: 'Winston-Salem' },
    ]);
  });

  it.each(['', 'USA', 'U', 'US--X', '12-CA'])('rejects "%s"', (text) => {
    expect(parseLocationText(text)).toBeUndefined();
  });
});

describe('Catalogue.placeLocationText on the shipped seed', () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = new Catalogue(await seedCatalogue());
  });

  const zoneOf = (text: string) => {
    const placed = catalogue.placeLocationText(text);
    return 'zone' in placed ? [placed.zone.code, placed.matchedBy] : placed.problem;
  };

  it.each([
    ['US-CA-San Francisco', 'US-A', 'city'],
    ['US-A', 'US-A', 'zone'],
    ['us-a', 'US-A', 'zone'],
    ['gb-london', 'GB-London', 'zone'],
    ['GB-london', 'GB-London', 'zone'],
    ['GB-Manchester', 'GB', 'country'],
    ['US-TX', 'US', 'country'],
    ['GB', 'GB', 'zone'],
    ['us-ca-los angeles', 'US-B', 'city'],
  ])('places %s in %s (by %s)', (text, zone, matchedBy) => {
    expect(zoneOf(text)).toEqual([zone, matchedBy]);
  });

  it('names what it could not resolve', () => {
    expect(zoneOf('US-ZZ-Springfield')).toBe('unknown region "ZZ" in US');
    expect(zoneOf('XQ-Somewhere')).toBe('no pay zone covers country "XQ"');
    expect(zoneOf('San Francisco')).toMatch(/is not a location/);
  });
});
