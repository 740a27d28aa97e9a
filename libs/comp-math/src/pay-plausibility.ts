import { convertMoney } from './money';

/**
 * §4.1's plausibility rule for pay, the same for every input (Kafka datapoints and HTTP offers):
 * annualized base in USD between 1,000 and 10,000,000; bonus and equity under generous ceilings.
 */
export const PLAUSIBLE_PAY_USD = {
  baseMin: 1_000,
  baseMax: 10_000_000,
  bonusMax: 10_000_000,
  equityMax: 100_000_000,
};

export interface ImplausiblePay {
  field: 'base' | 'bonus' | 'equity';
  /** For a field problem. */
  problem: string;
  /** For a sentence (a dead letter's reason). */
  message: string;
}

/**
 * What is implausible about annual pay figures converted at `usdPerUnit` (to the cent, as stored,
 * so an amount that is 10,000,000.00 USD is in range whatever the float product says); empty when
 * nothing.
 */
export function implausiblePay(
  annual: { base: number; bonus?: number | null; equity?: number | null },
  usdPerUnit: number,
): ImplausiblePay[] {
  const { baseMin, baseMax, bonusMax, equityMax } = PLAUSIBLE_PAY_USD;
  const found: ImplausiblePay[] = [];
  const inUsd = (amount: number) => convertMoney(amount, usdPerUnit, 'USD');
  const baseUsd = inUsd(annual.base);
  if (baseUsd < baseMin || baseUsd > baseMax) {
    found.push({
      field: 'base',
      problem: 'annualized in USD is outside 1,000–10,000,000',
      message: `base annualized is ${baseUsd} USD; it must lie between ${baseMin} and ${baseMax}`,
    });
  }
  for (const [field, max] of [
    ['bonus', bonusMax],
    ['equity', equityMax],
  ] as const) {
    const amount = annual[field];
    if (amount != null && inUsd(amount) > max) {
      found.push({ field, problem: `exceeds ${max} USD`, message: `${field} exceeds ${max} USD` });
    }
  }
  return found;
}
