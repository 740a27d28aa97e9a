import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblems } from '../field-problems';
import { SurveyTableV1 } from './survey-table.v1';

const paths = (body: object) => [
  ...new Set(
    fieldProblems(
      validateSync(plainToInstance(SurveyTableV1, body), {
        whitelist: true,
        forbidNonWhitelisted: true,
      }),
    ).map((p) => p.path),
  ),
];

describe('SurveyTableV1', () => {
  it('names every missing part at once', () => {
    expect(paths({})).toEqual([
      'source',
      'title',
      'country',
      'currency',
      'referenceDate',
      'weight',
      'rows',
    ]);
  });

  it('names every missing part of a row', () => {
    const table = {
      source: 'bls',
      title: 'BLS',
      country: 'US',
      currency: 'USD',
      referenceDate: '2023-05-15',
      weight: 1,
      rows: [{ role: 'data-scientist', level: 'IC3' }],
    };
    expect(paths(table)).toEqual([
      'rows.0.occupationCode',
      'rows.0.occupationTitle',
      'rows.0.n',
      'rows.0.p10',
      'rows.0.p25',
      'rows.0.p50',
      'rows.0.p75',
      'rows.0.p90',
    ]);
  });
});
