import { countries, type TCountryCode } from 'countries-list';
import type { CatalogueSnapshot } from '../catalogue-snapshot';
import { FxRates } from '../fx/fx-rates';
import type { CatalogueProblem } from './catalogue-problems';

const ZONES_FILE = 'pay-zones.json';

/** The currencies legal in a country (ISO 3166-1 alpha-2 → ISO 4217), its main one first. */
export function countryCurrencies(country: string): readonly string[] {
  return countries[country as TCountryCode]?.currency ?? [];
}

/**
 * Every zone pays in its country's currency unless it says why not, and its currency has a rate
 * in force from `fxCoverageFrom` on, from a source that still quotes it: otherwise observations
 * and offers in that zone could not be converted. (The rates themselves were checked when
 * imported, and the fx tables' keys and constraints keep them so.)
 */
export function checkZoneCurrencies(
  snapshot: CatalogueSnapshot,
  fxCoverageFrom: string,
): CatalogueProblem[] {
  const rates = new FxRates(snapshot.fxRates);
  const problems: CatalogueProblem[] = [];
  snapshot.payZones.zones.forEach((zone, i) => {
    const add = (field: string, message: string) =>
      problems.push({ file: ZONES_FILE, path: `zones[${i}].${field}`, message });
    const legal = countryCurrencies(zone.country);
    const local = legal[0];
    const paysLocal = legal.includes(zone.currency);
    if (local !== undefined && !paysLocal && !zone.currencyReason) {
      add(
        'currency',
        `zone "${zone.code}" pays in ${zone.currency}, not ${local}, the currency of ${zone.country}: pay in ${local} or give a currencyReason`,
      );
    }
    if (zone.currencyReason && paysLocal) {
      add(
        'currencyReason',
        `zone "${zone.code}" pays in ${zone.currency}, a currency of ${zone.country}: no reason is needed`,
      );
    }
    const coverage = rates.coverage(zone.currency);
    if (!coverage) {
      add(
        'currency',
        `band currency ${zone.currency} of zone "${zone.code}" has no FX rates: import a table that quotes it (rangefinder fx import)`,
      );
    } else if (coverage.from > fxCoverageFrom) {
      add(
        'currency',
        `band currency ${zone.currency} of zone "${zone.code}" has no FX rate in force on ${fxCoverageFrom} (first rate ${coverage.from}, source ${coverage.source})`,
      );
    } else if (coverage.discontinued) {
      add(
        'currency',
        `band currency ${zone.currency} of zone "${zone.code}" is no longer quoted by ${coverage.source} after ${coverage.through}`,
      );
    }
  });
  return problems;
}
