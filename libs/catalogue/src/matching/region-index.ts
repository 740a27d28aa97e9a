import type { Subdivision } from '../catalogue-snapshot';
import { normalizeKey } from './normalize';

/**
 * Turns a region as people write it into one key per subdivision. For a country whose
 * subdivisions are listed, "CA", "ca", "US-CA" and "California" all give "CA", and anything else
 * is unknown. For other countries the normalized text itself is the key, so rules and locations
 * still match case-insensitively.
 */
export class RegionIndex {
  private readonly byCountry = new Map<string, Map<string, string>>();

  constructor(subdivisions: readonly Subdivision[]) {
    for (const s of subdivisions) {
      let keys = this.byCountry.get(s.country);
      if (!keys) {
        keys = new Map();
        this.byCountry.set(s.country, keys);
      }
      keys.set(normalizeKey(s.code), s.code);
      keys.set(normalizeKey(s.name), s.code);
    }
  }

  resolve(country: string, region: string): string | undefined {
    const unprefixed =
      region.length > 3 && region[2] === '-' && region.slice(0, 2).toUpperCase() === country
        ? region.slice(3)
        : region;
    const key = normalizeKey(unprefixed);
    if (key === '') return undefined;
    const listed = this.byCountry.get(country);
    return listed ? listed.get(key) : key;
  }
}
