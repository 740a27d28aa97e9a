import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { datapointKey, type DatapointV1 } from '@rangefinder/contracts';
import { AiJobsFormat } from '../../apps/cli/src/formats/ai-jobs.format';
import { isRowProblems, type CsvRecord } from '../../apps/cli/src/formats/import-format';
import { REPO_ROOT } from './ingest-process';

export const AI_JOBS_CSV = join(REPO_ROOT, 'deploy', 'data', 'ai_jobs_net_salaries_2025-01-19.csv');

let rows: CsvRecord[] | undefined;

/** Titles the default catalogue certainly maps: US full-time rows of these are all valid. */
const CERTAIN_TITLES = new Set([
  'Data Scientist',
  'Data Engineer',
  'Software Engineer',
  'Data Analyst',
  'Machine Learning Engineer',
  'Research Scientist',
]);

export const certainlyValid = (d: DatapointV1) =>
  d.location.country === 'US' && d.employmentType === 'FT' && CERTAIN_TITLES.has(d.title ?? '');

/** ai-jobs experience codes as canonical levels, for test sources that have no crosswalk of their own. */
const CANONICAL_LEVEL: Record<string, string> = { EN: 'IC1', MI: 'IC3', SE: 'IC4', EX: 'IC5' };

/**
 * Real ai-jobs rows mapped the way `rangefinder import --format ai-jobs` maps them, cycling through
 * the file with fresh record ids when more rows are asked for than it holds. Crosswalks are per
 * source, so under any other source name the levels are given as canonical codes.
 */
export function realDatapoints(
  count: number,
  source: string,
  keep: (d: DatapointV1) => boolean = () => true,
): DatapointV1[] {
  rows ??= parse(readFileSync(AI_JOBS_CSV), { columns: true, bom: true }) as CsvRecord[];
  const format = new AiJobsFormat(source);
  const out: DatapointV1[] = [];
  for (let i = 0; out.length < count; i++) {
    const cycle = Math.floor(i / rows.length);
    const line = (i % rows.length) + 2;
    const mapped = format.toDatapoint(rows[i % rows.length], line);
    if (isRowProblems(mapped) || !keep(mapped)) continue;
    const level =
      source === 'ai-jobs' ? mapped.level : (CANONICAL_LEVEL[mapped.level] ?? mapped.level);
    out.push({
      ...mapped,
      level,
      sourceRecordId: cycle === 0 ? String(line) : `${line}-${cycle}`,
    });
  }
  return out;
}

export function asMessage(datapoint: DatapointV1): { key: string; value: string } {
  return {
    key: datapointKey(datapoint.source, datapoint.sourceRecordId),
    value: JSON.stringify(datapoint),
  };
}
