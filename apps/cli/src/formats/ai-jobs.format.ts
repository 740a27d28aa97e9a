import {
  DATAPOINT_SCHEMA,
  DatapointLocationV1,
  DatapointV1,
  type EmploymentType,
  type FieldProblem,
} from '@rangefinder/contracts';
import { CsvRecordReader } from './csv-record-reader';
import type { CsvRecord, ImportFormat, ImportFormatDefinition } from './import-format';

export const AI_JOBS_FORMAT_NAME = 'ai-jobs';

/**
 * The day the ai-jobs.net export was taken (file `ai_jobs_net_salaries_2025-01-19.csv`, commit
 * 9c22587 of foorilla/ai-jobs-net-salaries). Observations of the snapshot's own year are dated
 * no later than this, so no record claims to have been observed after it was collected.
 */
export const AI_JOBS_SNAPSHOT_DATE = '2025-01-19';
const SNAPSHOT_YEAR = Number(AI_JOBS_SNAPSHOT_DATE.slice(0, 4));
/** §4.1: observedAt is not before 2000-01-01. */
const FIRST_WORK_YEAR = 2000;

export const AI_JOBS_COLUMNS = [
  'work_year',
  'experience_level',
  'employment_type',
  'job_title',
  'salary',
  'salary_currency',
  'employee_residence',
] as const;

/**
 * The source gives only the year the salary was paid in; mid-year is the least-biased day for
 * aging, except that the snapshot year is not over yet.
 */
export function observedAtForWorkYear(workYear: number): string {
  const midYear = `${String(workYear).padStart(4, '0')}-07-01`;
  return midYear < AI_JOBS_SNAPSHOT_DATE ? midYear : AI_JOBS_SNAPSHOT_DATE;
}

/**
 * ai-jobs.net salaries: one row is one observation, numbered by its CSV line. `salary` is the
 * annual amount in `salary_currency`; `salary_in_usd` is left to the FX table, and
 * `experience_level` (EN/MI/SE/EX) stays a source code for the level crosswalk.
 */
export class AiJobsFormat implements ImportFormat {
  readonly name = AI_JOBS_FORMAT_NAME;
  readonly requiredColumns = AI_JOBS_COLUMNS;

  constructor(readonly source: string = AI_JOBS_FORMAT_NAME) {}

  toDatapoint(row: CsvRecord, lineNumber: number): DatapointV1 | FieldProblem[] {
    const fields = new CsvRecordReader(row);
    const workYear = fields.integerBetween('work_year', FIRST_WORK_YEAR, SNAPSHOT_YEAR);
    const level = fields.text('experience_level');
    const employmentType = fields.text('employment_type');
    const title = fields.text('job_title');
    const base = fields.decimal('salary');
    const currency = fields.text('salary_currency');
    const country = fields.text('employee_residence');
    if (fields.problems.length > 0) return fields.problems;

    return Object.assign(new DatapointV1(), {
      schema: DATAPOINT_SCHEMA,
      source: this.source,
      sourceRecordId: String(lineNumber),
      observedAt: observedAtForWorkYear(workYear),
      title,
      level,
      location: Object.assign(new DatapointLocationV1(), { country }),
      employmentType: employmentType as EmploymentType,
      currency,
      period: 'year' as const,
      base,
    });
  }
}

export const AI_JOBS_FORMAT: ImportFormatDefinition = {
  name: AI_JOBS_FORMAT_NAME,
  summary: 'ai-jobs.net salaries CSV (work_year, experience_level, job_title, salary, ...)',
  create: (source) => new AiJobsFormat(source),
};
