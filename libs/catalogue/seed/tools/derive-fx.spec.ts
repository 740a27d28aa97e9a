import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aiJobsCsvPath } from '../../src/testing/ai-jobs-data';
import { buildFxRatesFile } from './derive-fx';

describe('seed/fx-rates.json', () => {
  it('is exactly what seed/tools/derive-fx.js derives from the ai-jobs data (re-run the tool after changing either)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(__dirname, '..', 'fx-rates.json'), 'utf8'),
    );
    expect(committed).toEqual(buildFxRatesFile(readFileSync(aiJobsCsvPath(), 'utf8')));
  });

  it('takes the median of salary_in_usd / salary per year and currency, USD fixed at 1', () => {
    const csv = [
      'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size',
      '2024,SE,FT,Data Scientist,100,EUR,110,DE,0,DE,M',
      '2024,SE,FT,Data Scientist,100,EUR,112,DE,0,DE,M',
      '2024,SE,FT,Data Scientist,100,EUR,200,DE,0,DE,M',
      '2023,SE,FT,Data Scientist,100,EUR,104,DE,0,DE,M',
      '2023,SE,FT,Data Scientist,100,EUR,108,DE,0,DE,M',
      '2024,SE,FT,Data Scientist,100,USD,100,US,0,US,M',
    ].join('\n');
    expect(
      buildFxRatesFile(csv).rates.map(({ currency, effectiveFrom, usdPerUnit }) => [
        currency,
        effectiveFrom,
        usdPerUnit,
      ]),
    ).toEqual([
      ['USD', '2000-01-01', 1],
      ['EUR', '2023-01-01', 1.06],
      ['EUR', '2024-01-01', 1.12],
    ]);
  });
});
