import type { FxSource, FxTable } from '../catalogue-snapshot';
import { FxRates, addDays } from './fx-rates';

const source = (name: string, maxAgeDays: number | null): FxSource => ({
  name,
  format: 'csv',
  maxAgeDays,
  file: `${name}.csv`,
  sha256: '',
  importedAt: '2026-12-07T00:00:00.000Z',
  importedBy: 'spec',
});

const TABLE: FxTable = {
  version: 'spec',
  sources: [source('daily', 4), source('peg', null)],
  rates: [
    { currency: 'EUR', effectiveFrom: '2024-03-08', usdPerUnit: 1.0932, source: 'daily' },
    { currency: 'EUR', effectiveFrom: '2024-03-11', usdPerUnit: 1.0926, source: 'daily' },
    { currency: 'RUB', effectiveFrom: '2024-03-08', usdPerUnit: 0.011, source: 'daily' },
    { currency: 'AED', effectiveFrom: '1997-11-01', usdPerUnit: 0.272294077604, source: 'peg' },
  ],
};

describe('FxRates', () => {
  const rates = new FxRates(TABLE);

  it('keeps Friday’s rate over the weekend and takes Monday’s on Monday', () => {
    expect(rates.inForce('EUR', '2024-03-10')).toEqual({
      rate: 1.0932,
      asOf: '2024-03-08',
      source: 'daily',
    });
    expect(rates.inForce('EUR', '2024-03-11')?.rate).toBe(1.0926);
    expect(rates.inForce('EUR', '2024-03-07')).toBeUndefined();
  });

  it('keeps the table’s last rates in force for the source’s maxAgeDays, then none', () => {
    expect(rates.inForce('EUR', '2024-03-15')?.asOf).toBe('2024-03-11');
    expect(rates.inForce('EUR', '2024-03-16')).toBeUndefined();
    expect(rates.coverage('EUR')).toEqual({
      source: 'daily',
      from: '2024-03-08',
      through: '2024-03-15',
      discontinued: false,
    });
  });

  it('ends a currency its source stopped quoting on its last date', () => {
    expect(rates.inForce('RUB', '2024-03-08')?.rate).toBe(0.011);
    expect(rates.inForce('RUB', '2024-03-09')).toBeUndefined();
    expect(rates.coverage('RUB')?.discontinued).toBe(true);
  });

  it('keeps a peg in force until replaced, and USD is the base at 1', () => {
    expect(rates.inForce('AED', '2099-01-01')?.asOf).toBe('1997-11-01');
    expect(rates.inForce('USD', '2024-03-10')).toEqual({
      rate: 1,
      asOf: '2024-03-10',
      source: 'base',
    });
    expect(rates.inForce('XYZ', '2024-03-10')).toBeUndefined();
    expect(rates.currencies().sort()).toEqual(['AED', 'EUR', 'RUB', 'USD']);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2026-04-13', 730)).toBe('2028-04-12');
  });
});
