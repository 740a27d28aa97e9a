import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateSync } from 'class-validator';
import { Command, InvalidArgumentError, Option } from 'commander';
import { MAX_SURVEY_WEIGHT, fieldProblems, type SurveyTableV1 } from '@rangefinder/contracts';
import { findRepoRoot } from '@rangefinder/platform';
import { CliError } from '../cli-error';
import {
  compAnalystToken,
  postSurvey,
  problemLine,
  rejectionText,
  responseSummary,
} from './bands-survey-client';
import {
  BLS_OEWS_FORMAT_NAME,
  parseBlsOewsRoleMap,
  readBlsOewsSurveyTable,
  type BlsOewsRoleMap,
} from '../formats/bls-oews.survey';

export const SURVEY_FORMATS = [BLS_OEWS_FORMAT_NAME] as const;
export type SurveyFormat = (typeof SURVEY_FORMATS)[number];

export interface SurveyImportOptions {
  format: SurveyFormat;
  mapping?: string;
  weight: number;
  /** Default: BANDS_URL, else the local stack's bands service. */
  bandsUrl?: string;
  dryRun?: boolean;
  json?: boolean;
}

export const DEFAULT_BANDS_URL = 'http://127.0.0.1:3002';
const ROLE_MAP_IN_REPO = join('deploy', 'data', 'bls-oews-role-map.json');
/** The token only has to outlive one request. */

export function defaultRoleMapPath(): string {
  return join(findRepoRoot(__dirname), ROLE_MAP_IN_REPO);
}

/**
 * A survey's weight against the other surveys of the same cell; against records, the band
 * policy's credibility decides (Z = n / (n + K)).
 */
export function parseWeight(value: string): number {
  const weight = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(weight > 0 && weight <= MAX_SURVEY_WEIGHT))
    throw new InvalidArgumentError(`must be a number above 0 and at most ${MAX_SURVEY_WEIGHT}`);
  return weight;
}

export function parseBandsUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new InvalidArgumentError(`must be an http(s) URL such as ${DEFAULT_BANDS_URL}`);
  return value.replace(/\/+$/, '');
}

function bandsUrlOf(options: SurveyImportOptions, env: NodeJS.ProcessEnv): string {
  if (options.bandsUrl) return options.bandsUrl;
  const fromEnv = env.BANDS_URL?.trim();
  if (!fromEnv) return DEFAULT_BANDS_URL;
  try {
    return parseBandsUrl(fromEnv);
  } catch (error) {
    throw new CliError(`BANDS_URL ${(error as Error).message}, got ${JSON.stringify(fromEnv)}`);
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} not found: ${path}`);
    if (code === 'EISDIR') throw new CliError(`${what} is not a file: ${path}`);
    throw new CliError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

async function readRoleMap(path: string): Promise<BlsOewsRoleMap> {
  const text = await readText(path, 'role map');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`role map ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseBlsOewsRoleMap(raw);
  if (Array.isArray(parsed))
    throw new CliError(`role map ${path} is invalid:\n  ${parsed.map(problemLine).join('\n  ')}`);
  return parsed;
}

/** `rows.3.p75` is easier to act on as the occupation it belongs to. */
function rowLabel(table: SurveyTableV1, path: string): string {
  const index = /^rows\.(\d+)\./.exec(path)?.[1];
  const row = index === undefined ? undefined : table.rows[Number(index)];
  return row ? ` (${row.occupationCode} ${row.occupationTitle})` : '';
}

function checkContract(table: SurveyTableV1): void {
  const problems = fieldProblems(validateSync(table, { forbidUnknownValues: true }));
  if (problems.length === 0) return;
  const lines = problems.map((p) => `${p.path}${rowLabel(table, p.path)}: ${p.problem}`);
  throw new CliError(
    `the survey table does not meet SurveyTableV1; nothing was sent:\n  ${lines.join('\n  ')}`,
  );
}

export interface SurveyImportSummary {
  file: string;
  format: SurveyFormat;
  roleMap: string;
  roleMapVersion: string;
  source: string;
  title: string;
  country: string;
  currency: string;
  referenceDate: string;
  weight: number;
  occupationsMapped: number;
  rowsSent: number;
  warnings: string[];
  dryRun: boolean;
  sentTo: string | null;
  status: number | null;
  response: unknown;
}

function summaryText(summary: SurveyImportSummary, statusText: string): string {
  const lines = [
    `survey ${summary.source}: ${summary.title}`,
    `  file        ${summary.file}`,
    `  role map    ${summary.roleMap} (version ${summary.roleMapVersion})`,
    `  figures     ${summary.country}, ${summary.currency}, as of ${summary.referenceDate}, weight among surveys ${summary.weight}`,
    `  rows        ${summary.rowsSent} of ${summary.occupationsMapped} mapped occupations`,
    `  warnings    ${summary.warnings.length}`,
    ...summary.warnings.map((warning) => `    ${warning}`),
  ];
  if (summary.dryRun) lines.push('  dry run     nothing sent');
  else {
    lines.push(`  sent        POST ${summary.sentTo} -> ${summary.status} ${statusText}`);
    if (summary.response !== null && summary.response !== undefined)
      lines.push(`  response    ${JSON.stringify(summary.response)}`);
  }
  return lines.join('\n');
}

export async function importSurvey(
  file: string,
  options: SurveyImportOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const csvPath = resolve(file);
  const roleMapPath = options.mapping ? resolve(options.mapping) : defaultRoleMapPath();
  const bandsUrl = bandsUrlOf(options, env);
  const roleMap = await readRoleMap(roleMapPath);
  const { table, warnings } = await readBlsOewsSurveyTable(
    await readText(csvPath, 'file'),
    roleMap,
    options.weight,
  );
  checkContract(table);
  const dryRun = options.dryRun ?? false;
  const answer = dryRun ? null : await postSurvey(bandsUrl, table, compAnalystToken(env));
  if (answer && (answer.status < 200 || answer.status > 299))
    throw new CliError(rejectionText(bandsUrl, answer));
  const summary: SurveyImportSummary = {
    file: csvPath,
    format: options.format,
    roleMap: roleMapPath,
    roleMapVersion: roleMap.version,
    source: table.source,
    title: table.title,
    country: table.country,
    currency: table.currency,
    referenceDate: table.referenceDate,
    weight: table.weight,
    occupationsMapped: roleMap.mappings.length,
    rowsSent: table.rows.length,
    warnings,
    dryRun,
    sentTo: answer ? `${bandsUrl}/v1/surveys` : null,
    status: answer?.status ?? null,
    response: answer ? responseSummary(answer.body) : null,
  };
  process.stdout.write(
    `${options.json ? JSON.stringify(summary) : summaryText(summary, answer?.statusText ?? '')}\n`,
  );
}

const HELP_AFTER = `
Formats:
  bls-oews   US BLS OEWS national wage file (OCC_CODE, O_GROUP, TOT_EMP, A_PCT10 ... A_PCT90)

The role map names, for each survey occupation, the one role and level its distribution stands
for (default: ${ROLE_MAP_IN_REPO} in this checkout). Occupations it does not name are not sent.
Top-coded ('#') and unpublished ('*') percentiles are sent as null and listed as warnings; an
occupation without a median is not sent.

The table is checked against SurveyTableV1 first; nothing is sent when a field breaks it. It is
sent as one POST to <bands-url>/v1/surveys with a comp-analyst token signed here with
AUTH_JWT_SECRET and AUTH_JWT_ISSUER (the same settings as \`rangefinder tokens\`).

Examples:
  rangefinder survey import deploy/data/bls_oews_national_M2023_dl.csv --format bls-oews --dry-run
  rangefinder survey import deploy/data/bls_oews_national_M2023_dl.csv --format bls-oews --weight 0.5 --json`;

/** `rangefinder survey import`: an aggregated survey table (P10-P90 per occupation) to the bands service. */
export function surveyCommand(env: NodeJS.ProcessEnv = process.env): Command {
  const command = new Command('survey').description(
    'aggregated survey tables (P10-P90 per occupation) blended into bands',
  );
  command
    .command('import')
    .description('map a survey file to roles and levels and send it to the bands service')
    .argument('<file>', 'survey file to read')
    .addOption(
      new Option('--format <name>', 'layout of the file')
        .choices(SURVEY_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--mapping <file>', `role map JSON (default: ${ROLE_MAP_IN_REPO})`)
    .option(
      '--weight <w>',
      `weight against other surveys of the same cells (records vs surveys: the band policy's credibility K), above 0 and at most ${MAX_SURVEY_WEIGHT}`,
      parseWeight,
      1,
    )
    .option(
      '--bands-url <url>',
      `bands service base URL (default: BANDS_URL, else ${DEFAULT_BANDS_URL})`,
      parseBandsUrl,
    )
    .option('--dry-run', 'map and check the table against the contract without sending it')
    .option('--json', 'print the summary as one JSON object on stdout')
    .addHelpText('after', HELP_AFTER)
    .action((file: string, options: SurveyImportOptions) => importSurvey(file, options, env));
  return command;
}
