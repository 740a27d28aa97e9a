export interface DerivedRate {
  currency: string;
  effectiveFrom: string;
  usdPerUnit: number;
}

export function deriveFxRates(salariesText: string, quotedElsewhere: Set<string>): DerivedRate[];
export function ecbCurrencies(ecbText: string): Set<string>;
export function buildDerivedCsv(salariesText: string, ecbText: string): string;
export const OUT: string;
export const SALARIES: string;
export const ECB: string;
