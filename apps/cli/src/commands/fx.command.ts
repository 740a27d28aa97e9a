import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ImportedFx } from '@rangefinder/catalogue';
import { CommonEnv, loadConfig } from '@rangefinder/platform';
import { CliError } from '../cli-error';

// Like `catalogue`, the catalogue and database libs (TypeORM, pg) load only when the command runs.

/** The ECB publishes every TARGET business day; a week covers its longest closure (Easter). */
const DEFAULT_MAX_AGE_DAYS = 7;

function maxAgeDays(raw: string): number | null {
  if (raw === 'none') return null;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0)
    throw new InvalidArgumentError('a whole number of days ≥ 0, or "none" (until replaced)');
  return days;
}

function summaryText(imported: ImportedFx, maxAge: number | null): string {
  const validity =
    maxAge === null
      ? 'in force until replaced'
      : `latest rates in force for ${maxAge} days after the table's last date`;
  return [
    `fx source ${imported.source}: ${imported.rates} rates for ${imported.currencies.length} currencies (${imported.currencies.join(' ')}); ${validity}`,
    imported.applied
      ? `catalogue revision ${imported.applied.revision} recorded at ${imported.applied.appliedAt.toISOString()}; running services reload it`
      : 'no catalogue applied yet: the rates are stored for the first `rangefinder catalogue apply`',
  ].join('\n');
}

async function importFile(
  file: string,
  options: {
    format: 'ecb' | 'csv';
    source?: string;
    maxAgeDays: number | null;
    by?: string;
    json?: boolean;
  },
): Promise<void> {
  const { DATABASE_URL } = loadConfig(CommonEnv);
  const source = options.source ?? (options.format === 'ecb' ? 'ecb-eurofxref' : undefined);
  if (!source) throw new CliError('--source <name> is required for --format csv');
  const { ensureDatabase } = await import('@rangefinder/database');
  const { InvalidCatalogueError, InvalidFxFileError, describeProblem, importFxFile } =
    await import('@rangefinder/catalogue');
  await ensureDatabase(DATABASE_URL);
  try {
    const imported = await importFxFile(
      DATABASE_URL,
      { file: resolve(file), format: options.format, source, maxAgeDays: options.maxAgeDays },
      options.by ?? userInfo().username,
    );
    process.stdout.write(
      `${options.json ? JSON.stringify(imported) : summaryText(imported, options.maxAgeDays)}\n`,
    );
  } catch (error) {
    if (error instanceof InvalidFxFileError) throw new CliError(error.message);
    if (error instanceof InvalidCatalogueError) {
      throw new CliError(
        `the catalogue's zones would lose their rates; nothing was imported:\n  ${error.problems.map(describeProblem).join('\n  ')}`,
      );
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CliError(`${file}: no such file`);
    throw error;
  }
}

async function sources(): Promise<void> {
  const { DATABASE_URL } = loadConfig(CommonEnv);
  const { Catalogue, readStoredCatalogue } = await import('@rangefinder/catalogue');
  const { snapshot } = await readStoredCatalogue(DATABASE_URL);
  const catalogue = new Catalogue(snapshot);
  const lines = snapshot.fxRates.sources.map((source) => {
    const currencies = [
      ...new Set(
        snapshot.fxRates.rates.filter((r) => r.source === source.name).map((r) => r.currency),
      ),
    ];
    const coverage = currencies.map((c) => {
      const { from, through } = catalogue.fxCoverage(c)!;
      return `${c} ${from}…${through ?? ''}`;
    });
    return `${source.name} (${source.format}, ${source.file}, imported ${source.importedAt} by ${source.importedBy}; max age ${source.maxAgeDays ?? 'none'})\n    ${coverage.join(', ')}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `rangefinder fx import|sources`: the dated FX table every conversion uses, loaded as files. */
export function fxCommand(): Command {
  const command = new Command('fx').description('FX rate tables (US dollars per unit, dated)');
  command
    .command('import')
    .description(
      'import a rate file as one FX source: it becomes the source of every currency it quotes; the zones are checked against the result before it is stored',
    )
    .argument('<file>', 'the rate file')
    .addOption(
      new Option(
        '--format <format>',
        'ecb: the ECB eurofxref-hist.csv; csv: date,currency,usdPerUnit',
      )
        .choices(['ecb', 'csv'])
        .makeOptionMandatory(),
    )
    .option(
      '--source <name>',
      'the source name (default for ecb: ecb-eurofxref); re-importing a name replaces it',
    )
    .option(
      '--max-age-days <days>',
      'how long after the table\'s last date its latest rates stay in force, or "none" (a fixed peg)',
      maxAgeDays,
      DEFAULT_MAX_AGE_DAYS,
    )
    .option('--by <name>', 'who imports it (recorded with the source)')
    .option('--json', 'print the result as JSON')
    .action(importFile);
  command
    .command('sources')
    .description('the stored FX sources and what each covers')
    .action(sources);
  return command;
}
