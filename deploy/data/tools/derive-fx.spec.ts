import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECB, OUT, SALARIES, buildDerivedCsv, deriveFxRates, ecbCurrencies } from './derive-fx';

const read = (file: string) => readFileSync(join(__dirname, '..', file), 'utf8');

describe(`deploy/data/${OUT}`, () => {
  it('is exactly what tools/derive-fx.js derives from the ai-jobs data (re-run the tool after changing either)', () => {
    expect(read(OUT)).toEqual(buildDerivedCsv(read(SALARIES), read(ECB)));
  });

  it('keeps only currencies the ECB does not quote', () => {
    const quoted = ecbCurrencies(read(ECB));
    expect(quoted.has('EUR') && quoted.has('CHF') && quoted.has('USD')).toBe(true);
    const derived = read(OUT)
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect(derived.length).toBeGreaterThan(0);
    expect(derived.filter((currency) => quoted.has(currency))).toEqual([]);
  });

  it('takes the median of salary_in_usd / salary per year and currency', () => {
    const csv = [
      'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size',
      '2024,SE,FT,Data Scientist,100,CLP,110,CL,0,CL,M',
      '2024,SE,FT,Data Scientist,100,CLP,112,CL,0,CL,M',
      '2024,SE,FT,Data Scientist,100,CLP,200,CL,0,CL,M',
      '2023,SE,FT,Data Scientist,100,CLP,104,CL,0,CL,M',
      '2023,SE,FT,Data Scientist,100,CLP,108,CL,0,CL,M',
      '2024,SE,FT,Data Scientist,100,EUR,120,DE,0,DE,M',
      '2024,SE,FT,Data Scientist,100,USD,100,US,0,US,M',
    ].join('\n');
    expect(deriveFxRates(csv, new Set(['EUR']))).toEqual([
      { currency: 'CLP', effectiveFrom: '2023-01-01', usdPerUnit: 1.06 },
      { currency: 'CLP', effectiveFrom: '2024-01-01', usdPerUnit: 1.12 },
    ]);
  });
});
