import type { PayZone, Subdivision } from '../catalogue-snapshot';
import { normalizeKey } from '../matching/normalize';
import { RegionIndex } from '../matching/region-index';
import { BoundedMemo } from './bounded-memo';
import { parseLocationText, type Location } from './location-text';

export type LocationPlacement =
  | { zone: PayZone; location: Location; matchedBy: 'zone' | 'city' | 'region' | 'country' }
  | { problem: string };

const MEMO_CAPACITY = 20_000;

/**
 * Where a location pays: the zones keyed for the hot path (city, region, catch-all per country),
 * built once per catalogue revision.
 */
export class ZoneMap {
  private readonly zoneByCode = new Map<string, PayZone>();
  /** Zone codes as people type them: `us-a` is US-A, not a region "A" of the US. */
  private readonly zoneByTypedCode = new Map<string, PayZone>();
  private readonly catchAllByCountry = new Map<string, PayZone>();
  private readonly zoneByRegion = new Map<string, PayZone>();
  private readonly zoneByCity = new Map<string, PayZone>();
  private readonly zoneByCityAnyRegion = new Map<string, PayZone>();
  private readonly regions: RegionIndex;
  private readonly locationMemo = new BoundedMemo<PayZone | null>(MEMO_CAPACITY);

  constructor(
    private readonly zones: readonly PayZone[],
    subdivisions: readonly Subdivision[],
  ) {
    this.regions = new RegionIndex(subdivisions);
    const citiesAnyRegion = new Map<string, Set<PayZone>>();
    for (const zone of zones) {
      this.zoneByCode.set(zone.code, zone);
      this.zoneByTypedCode.set(zone.code.toUpperCase(), zone);
      if (zone.catchAll) this.catchAllByCountry.set(zone.country, zone);
      for (const rule of zone.rules) {
        const region =
          rule.region === undefined ? '' : (this.regions.resolve(rule.country, rule.region) ?? '');
        if (rule.city === undefined) {
          this.zoneByRegion.set(`${rule.country}|${region}`, zone);
          continue;
        }
        const city = normalizeKey(rule.city);
        this.zoneByCity.set(`${rule.country}|${region}|${city}`, zone);
        const anyRegionKey = `${rule.country}|${city}`;
        const zonesForCity = citiesAnyRegion.get(anyRegionKey) ?? new Set<PayZone>();
        zonesForCity.add(zone);
        citiesAnyRegion.set(anyRegionKey, zonesForCity);
      }
    }
    // A city named without its region is placed only when the name is unambiguous in the country.
    for (const [key, zones] of citiesAnyRegion) {
      if (zones.size === 1) this.zoneByCityAnyRegion.set(key, [...zones][0]);
    }
  }

  anchor(code: string): PayZone {
    const anchor = this.zoneByCode.get(code);
    if (!anchor) throw new Error(`anchor zone "${code}" is not in the catalogue's zones`);
    return anchor;
  }

  zone(code: string): PayZone | undefined {
    return this.zoneByCode.get(code);
  }

  /** City rule, then region rule, then the country's catch-all; undefined for an unknown location. */
  resolveZone(location: Location): PayZone | undefined {
    const memoKey = `${location.country}\u0000${location.region ?? ''}\u0000${location.city ?? ''}`;
    const remembered = this.locationMemo.get(memoKey);
    if (remembered !== undefined) return remembered ?? undefined;
    const zone = this.placeLocation(location);
    this.locationMemo.set(memoKey, zone ?? null);
    return zone;
  }

  private placeLocation({
    country: rawCountry,
    region: rawRegion,
    city: rawCity,
  }: Location): PayZone | undefined {
    const country = rawCountry.toUpperCase();
    const region = rawRegion === undefined ? undefined : this.regions.resolve(country, rawRegion);
    if (rawCity !== undefined) {
      const city = normalizeKey(rawCity);
      const byCity =
        (region !== undefined ? this.zoneByCity.get(`${country}|${region}|${city}`) : undefined) ??
        this.zoneByCity.get(`${country}||${city}`) ??
        (region === undefined ? this.zoneByCityAnyRegion.get(`${country}|${city}`) : undefined);
      if (byCity) return byCity;
    }
    if (region !== undefined) {
      const byRegion = this.zoneByRegion.get(`${country}|${region}`);
      if (byRegion) return byRegion;
    }
    return this.catchAllByCountry.get(country);
  }

  /**
   * A typed location (`US-CA-San Francisco`, `GB-London`, `US`) or a zone code (`US-A`) to its zone.
   * A region the catalogue does not know for a country whose regions it lists is a problem, not a
   * silent fall back to the country's catch-all: the answer would be for the wrong place.
   */
  placeLocationText(text: string): LocationPlacement {
    const byCode = this.zoneByTypedCode.get(text.trim().toUpperCase());
    if (byCode) return { zone: byCode, location: { country: byCode.country }, matchedBy: 'zone' };
    const readings = parseLocationText(text);
    if (!readings) {
      return {
        problem: `"${text}" is not a location: use COUNTRY[-REGION[-City]] such as US-CA-San Francisco, or a zone code`,
      };
    }
    const country = readings[0].country;
    if (!this.catchAllByCountry.has(country) && !this.zones.some((z) => z.country === country)) {
      return { problem: `no pay zone covers country "${country}"` };
    }
    let unknownRegion: string | undefined;
    let catchAll: LocationPlacement | undefined;
    for (const location of readings) {
      if (location.region !== undefined && !this.regions.resolve(country, location.region)) {
        unknownRegion ??= location.region;
        continue;
      }
      const zone = this.resolveZone(location);
      if (!zone) continue;
      if (!zone.catchAll) {
        return { zone, location, matchedBy: location.city !== undefined ? 'city' : 'region' };
      }
      catchAll ??= { zone, location, matchedBy: 'country' };
    }
    // An explicit COUNTRY-REGION-City with a region nobody knows is a typo, not the catch-all.
    if (unknownRegion !== undefined && (readings.length === 3 || !catchAll)) {
      return { problem: `unknown region "${unknownRegion}" in ${country}` };
    }
    return catchAll ?? { problem: `no pay zone covers "${text}"` };
  }
}
