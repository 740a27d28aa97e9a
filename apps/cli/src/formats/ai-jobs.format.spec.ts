import 'reflect-metadata';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { DatapointV1, fieldProblems, type FieldProblem } from '@rangefinder/contracts';
import { AI_JOBS_SNAPSHOT_DATE, AiJobsFormat, observedAtForWorkYear } from './ai-jobs.format';
import type { CsvRecord } from './import-format';

const HEADER =
  'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

/** Lines of ai_jobs_net_salaries_2025-01-19.csv (CC0, ai-jobs.net), keyed by their line number in that file. */
const REAL_LINES: Record<number, string> = {
  2: '2022,EX,FT,Consultant,120000,USD,120000,PL,0,PL,S',
  3: '2025,MI,FT,Prompt Engineer,65000,EUR,68421,AT,0,AT,M',
  235: '2024,EN,FT,Data Quality Specialist,16100,EUR,17888,PT,100,US,L',
  492: '2025,EN,PT,Robotics Engineer,30000,USD,30000,US,0,US,M',
  32518: '2024,SE,FL,Backend Engineer,1380000,CZK,61333,CZ,0,CZ,M',
  52421: '2024,EN,FT,Admin & Data Analyst,100000,USD,100000,BM,0,DZ,L',
  66967: '2020,EN,FT,Azure Data Engineer,100000,USD,100000,MU,0,MU,S',
  74302: '2021,SE,FT,Data Scientist,7000000,INR,94665,IN,50,IN,L',
};

/** The contract ingest (and the import, before sending) holds every datapoint to. */
function contractProblems(datapoint: DatapointV1): FieldProblem[] {
  return fieldProblems(validateSync(datapoint, { forbidUnknownValues: true }));
}

function record(line: string): CsvRecord {
  const names = HEADER.split(',');
  const values = line.split(',');
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}

function mapped(lineNumber: number, format = new AiJobsFormat()): DatapointV1 {
  const result = format.toDatapoint(record(REAL_LINES[lineNumber]), lineNumber);
  if (Array.isArray(result))
    throw new Error(`line ${lineNumber} did not map: ${JSON.stringify(result)}`);
  return result;
}

function problems(row: CsvRecord, lineNumber = 9): FieldProblem[] {
  const result = new AiJobsFormat().toDatapoint(row, lineNumber);
  if (!Array.isArray(result)) throw new Error('expected problems');
  return result;
}

describe('ai-jobs format', () => {
  it('maps a real row to a comp.datapoint.v1 numbered by its line', () => {
    const datapoint = mapped(2);
    expect(datapoint).toBeInstanceOf(DatapointV1);
    expect(JSON.parse(JSON.stringify(datapoint))).toEqual({
      schema: 'comp.datapoint.v1',
      source: 'ai-jobs',
      sourceRecordId: '2',
      observedAt: '2022-07-01',
      title: 'Consultant',
      level: 'EX',
      location: { country: 'PL' },
      employmentType: 'FT',
      currency: 'USD',
      period: 'year',
      base: 120000,
    });
  });

  it('keeps the amount in the source currency and carries no bonus, equity or company', () => {
    const datapoint = mapped(74302);
    expect(datapoint).toMatchObject({
      currency: 'INR',
      base: 7000000,
      observedAt: '2021-07-01',
      level: 'SE',
    });
    expect(JSON.parse(JSON.stringify(datapoint))).not.toHaveProperty('bonus');
    expect(JSON.parse(JSON.stringify(datapoint))).not.toHaveProperty('equity');
    expect(JSON.parse(JSON.stringify(datapoint))).not.toHaveProperty('companyId');
  });

  it('locates by employee residence, not company location', () => {
    expect(mapped(235).location).toEqual({ country: 'PT' });
    expect(mapped(52421).location).toEqual({ country: 'BM' });
  });

  it('passes the employment type through for ingest to filter', () => {
    expect(mapped(492).employmentType).toBe('PT');
    expect(mapped(32518).employmentType).toBe('FL');
  });

  it('records the --source given', () => {
    expect(mapped(3, new AiJobsFormat('ai-jobs-2025-01')).source).toBe('ai-jobs-2025-01');
  });

  it('produces datapoints that meet the contract for every sample line', () => {
    for (const line of Object.keys(REAL_LINES).map(Number)) {
      expect(contractProblems(mapped(line))).toEqual([]);
    }
  });

  describe('observedAt', () => {
    it('is mid-year of work_year', () => {
      expect(mapped(66967).observedAt).toBe('2020-07-01');
      expect(mapped(235).observedAt).toBe('2024-07-01');
    });

    it('is capped at the snapshot date in the snapshot year', () => {
      expect(AI_JOBS_SNAPSHOT_DATE).toBe('2025-01-19');
      expect(mapped(3).observedAt).toBe('2025-01-19');
      expect(observedAtForWorkYear(2025)).toBe('2025-01-19');
    });

    it('is never after the snapshot, never before 2000, and stays in the work year', () => {
      fc.assert(
        fc.property(fc.integer({ min: 2000, max: 2025 }), (year) => {
          const observedAt = observedAtForWorkYear(year);
          return (
            observedAt <= AI_JOBS_SNAPSHOT_DATE &&
            observedAt >= '2000-01-01' &&
            observedAt.startsWith(`${year}-`) &&
            /^\d{4}-\d{2}-\d{2}$/.test(observedAt)
          );
        }),
      );
    });
  });

  describe('bad rows', () => {
    const good = record(REAL_LINES[2]);

    it('refuses a work year after the snapshot or before 2000', () => {
      expect(problems({ ...good, work_year: '2026' })).toEqual([
        { path: 'work_year', problem: 'must be a whole number from 2000 to 2025, got "2026"' },
      ]);
      expect(problems({ ...good, work_year: '1999' })[0]?.path).toBe('work_year');
      expect(problems({ ...good, work_year: '22' })[0]?.path).toBe('work_year');
    });

    it('refuses a salary that is not a plain number', () => {
      for (const salary of ['12k', '1e5', '120,000', 'NaN']) {
        expect(problems({ ...good, salary })).toEqual([
          { path: 'salary', problem: `${JSON.stringify(salary)} is not a number` },
        ]);
      }
    });

    it('names every empty or missing column at once', () => {
      const withoutTitle = Object.fromEntries(
        Object.entries(good).filter(([column]) => column !== 'job_title'),
      );
      expect(problems({ ...withoutTitle, salary: ' ', salary_currency: '' })).toEqual([
        { path: 'job_title', problem: 'column is missing' },
        { path: 'salary', problem: 'is empty' },
        { path: 'salary_currency', problem: 'is empty' },
      ]);
    });

    it('leaves contract rules to the contract check', () => {
      const negative = new AiJobsFormat().toDatapoint(
        { ...good, salary: '-5', employee_residence: 'usa' },
        3,
      );
      expect(Array.isArray(negative)).toBe(false);
      expect(contractProblems(negative as DatapointV1)).toEqual(
        expect.arrayContaining([
          { path: 'base', problem: 'must be a positive number' },
          { path: 'location.country', problem: 'must be an ISO 3166-1 alpha-2 code such as US' },
        ]),
      );
    });
  });
});
