import type { FxRate, FxRatesFile } from '../../src/catalogue-snapshot';

export function deriveFxRates(csvText: string): FxRate[];
export function buildFxRatesFile(csvText: string): FxRatesFile;
