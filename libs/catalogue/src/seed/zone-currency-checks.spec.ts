import type { CatalogueSnapshot } from '../catalogue-snapshot';
import { FxRates } from '../fx/fx-rates';
import { readFxManifestTable } from '../fx/fx-manifest';
import { loadCatalogueFiles } from './load-catalogue-seed';
import { checkZoneCurrencies, countryCurrencies } from './zone-currency-checks';

describe('zone currencies', () => {
  let seed: CatalogueSnapshot;

  beforeAll(async () => {
    seed = { ...(await loadCatalogueFiles()), fxRates: await readFxManifestTable() };
  });

  const messages = (snapshot: CatalogueSnapshot) =>
    checkZoneCurrencies(snapshot, '2020-01-01').map((p) => `${p.path}: ${p.message}`);
  const withZone = (code: string, change: Record<string, unknown>): CatalogueSnapshot => {
    const copy = { ...seed, payZones: structuredClone(seed.payZones) };
    const i = copy.payZones.zones.findIndex((z) => z.code === code);
    copy.payZones.zones[i] = { ...copy.payZones.zones[i], ...change };
    return copy;
  };

  it('pays every seed zone in its country’s currency, or says why not', () => {
    const foreign = seed.payZones.zones.filter(
      (z) => !countryCurrencies(z.country).includes(z.currency),
    );
    expect(foreign.filter((z) => !z.currencyReason)).toEqual([]);
    expect(foreign.length).toBeLessThan(seed.payZones.zones.length / 2);
    expect(
      Object.fromEntries(
        ['AU', 'CH', 'SG', 'SE', 'NO', 'NZ', 'PL', 'BR', 'KR', 'IL', 'ZA', 'AE'].map((code) => [
          code,
          seed.payZones.zones.find((z) => z.code === code)?.currency,
        ]),
      ),
    ).toEqual({
      AU: 'AUD',
      CH: 'CHF',
      SG: 'SGD',
      SE: 'SEK',
      NO: 'NOK',
      NZ: 'NZD',
      PL: 'PLN',
      BR: 'BRL',
      KR: 'KRW',
      IL: 'ILS',
      ZA: 'ZAR',
      AE: 'AED',
    });
    expect(messages(seed)).toEqual([]);
  });

  it('gives every zone currency a rate on each day from 2020 to the end of the ECB table', () => {
    const rates = new FxRates(seed.fxRates);
    for (const zone of seed.payZones.zones) {
      for (const day of ['2020-01-01', '2022-03-05', '2024-12-25', '2026-04-13']) {
        expect([zone.code, day, rates.inForce(zone.currency, day) !== undefined]).toEqual([
          zone.code,
          day,
          true,
        ]);
      }
    }
  });

  it('refuses a zone paid in a foreign currency without a reason, and a reason nobody needs', () => {
    expect(messages(withZone('CH', { currency: 'USD' }))).toEqual([
      expect.stringMatching(/currency: zone "CH" pays in USD, not CHF, the currency of CH/),
    ]);
    expect(messages(withZone('DE', { currencyReason: 'habit' }))).toEqual([
      expect.stringMatching(
        /currencyReason: zone "DE" pays in EUR, a currency of DE: no reason is needed/,
      ),
    ]);
  });

  it('refuses a zone currency without rates, quoted too late, or no longer quoted', () => {
    expect(messages(withZone('AR', { currency: 'ARS', currencyReason: undefined }))).toEqual([
      expect.stringMatching(/band currency ARS of zone "AR" has no FX rates/),
    ]);
    expect(messages(withZone('CL', { currency: 'CLP', currencyReason: undefined }))).toEqual([
      expect.stringMatching(
        /CLP of zone "CL" has no FX rate in force on 2020-01-01 \(first rate 2021-01-01/,
      ),
    ]);
    expect(messages(withZone('RU', { currency: 'RUB', currencyReason: undefined }))).toEqual([
      expect.stringMatching(
        /RUB of zone "RU" is no longer quoted by ecb-eurofxref after 2022-03-01/,
      ),
    ]);
  });
});
