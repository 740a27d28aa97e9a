import { annualize, implausiblePay } from '@rangefinder/comp-math';
import type { Catalogue } from '@rangefinder/catalogue';
import type { FieldProblem } from '@rangefinder/contracts';
import { NOTHING_REFUSED, type Shaped } from '@rangefinder/platform';
import type { OfferTermsDto } from './offer-terms.dto';

/**
 * What the catalogue says of offer terms, every field at once: the role and its ladder's level, the
 * location's pay zone, a rate today from the currency to the zone's, and pay plausible once annualized (§4.1, the
 * rule ingest applies to market data). A field that is absent (left out, or refused for its shape)
 * is not checked, nor is a rule that needs it.
 */
export function offerTermsProblems(
  terms: Shaped<OfferTermsDto>,
  catalogue: Catalogue,
  today: string,
  refused: ReadonlySet<string> = NOTHING_REFUSED,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.role !== undefined) {
    const known = catalogue.role(terms.role) !== undefined;
    if (!known || terms.level !== undefined) {
      problems.push(...catalogue.jobProblems(terms.role, terms.level ?? ''));
    }
  }
  let bandCurrency = 'USD';
  if (terms.location !== undefined) {
    const placed = catalogue.placeLocationText(terms.location);
    if ('problem' in placed) problems.push({ path: 'location', problem: placed.problem });
    else bandCurrency = placed.zone.currency;
  }
  if (terms.currency === undefined) return problems;
  // The offer is converted to its zone's currency, and to USD for the plausibility rule.
  const usd = catalogue.convert(1, terms.currency, 'USD', today);
  if (!usd || !catalogue.convert(1, terms.currency, bandCurrency, today)) {
    problems.push({ path: 'currency', problem: `has no FX rate to ${bandCurrency} on ${today}` });
    return problems;
  }
  // An hourly base of 150,000 is refused; a base whose period was refused waits for the period.
  const base =
    terms.base !== undefined && !refused.has('period')
      ? annualize(terms.base, terms.period ?? 'year')
      : undefined;
  const annual = { base: base ?? 0, bonus: terms.bonus, equity: terms.equity };
  for (const found of implausiblePay(annual, usd.rate)) {
    if (found.field !== 'base' || base !== undefined) {
      problems.push({ path: found.field, problem: found.problem });
    }
  }
  return problems;
}
