import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import type { AppliedCatalogue, CatalogueContentKind } from '@rangefinder/catalogue';
import { CommonEnv, loadConfig } from '@rangefinder/platform';
import { CliError } from '../cli-error';

// The catalogue and database libs bring TypeORM and pg: loaded when a catalogue command runs, so
// the rest of the CLI (tokens, import, --help) starts without them.

function summaryText(applied: AppliedCatalogue, kinds: readonly CatalogueContentKind[]): string {
  const lines = kinds.map((kind) => {
    const change = applied.summary[kind];
    const delta = [
      change.added.length && `+${change.added.length}`,
      change.removed.length && `-${change.removed.length}`,
      change.changed.length && `~${change.changed.length}`,
    ].filter(Boolean);
    return `  ${kind.padEnd(16)} ${String(change.count).padStart(6)}${delta.length ? `  (${delta.join(' ')})` : ''}`;
  });
  return [
    `catalogue revision ${applied.revision} applied at ${applied.appliedAt.toISOString()}`,
    ...lines,
  ].join('\n');
}

async function apply(
  dir: string | undefined,
  options: { by?: string; json?: boolean },
): Promise<void> {
  const { DATABASE_URL } = loadConfig(CommonEnv);
  const { ensureDatabase } = await import('@rangefinder/database');
  const {
    CATALOGUE_CONTENT_KINDS,
    CATALOGUE_SEED_DIR,
    InvalidCatalogueError,
    applyCatalogueFiles,
    describeProblem,
  } = await import('@rangefinder/catalogue');
  await ensureDatabase(DATABASE_URL);
  try {
    const applied = await applyCatalogueFiles(
      DATABASE_URL,
      options.by ?? userInfo().username,
      dir ? resolve(dir) : CATALOGUE_SEED_DIR,
    );
    process.stdout.write(
      `${options.json ? JSON.stringify(applied) : summaryText(applied, CATALOGUE_CONTENT_KINDS)}\n`,
    );
  } catch (error) {
    if (error instanceof InvalidCatalogueError) {
      throw new CliError(
        `the catalogue files are invalid; nothing was changed:\n  ${error.problems.map(describeProblem).join('\n  ')}`,
      );
    }
    throw error;
  }
}

async function show(): Promise<void> {
  const { DATABASE_URL } = loadConfig(CommonEnv);
  const { readStoredCatalogue } = await import('@rangefinder/catalogue');
  const stored = await readStoredCatalogue(DATABASE_URL);
  const { jobArchitecture, titleAliases, payZones, fxRates } = stored.snapshot;
  process.stdout.write(
    [
      `catalogue revision ${stored.revision}, applied ${stored.appliedAt.toISOString()} by ${stored.appliedBy}`,
      `  ${jobArchitecture.roles.length} roles in ${jobArchitecture.families.length} families on ${jobArchitecture.ladders.length} ladders`,
      `  ${titleAliases.aliases.length} title aliases, ${payZones.zones.length} pay zones (anchor ${payZones.anchor}), ${fxRates.rates.length} FX rates from ${fxRates.sources.length} sources (rangefinder fx sources)`,
    ].join('\n') + '\n',
  );
}

/** `rangefinder catalogue apply|show`: the job architecture and zones as data, changed without a deploy. */
export function catalogueCommand(): Command {
  const command = new Command('catalogue').description(
    'job architecture, title aliases, level crosswalks and pay zones',
  );
  command
    .command('apply')
    .description(
      'validate the catalogue files in [dir] (default: the shipped seed) and make them the current catalogue; running services pick it up within seconds',
    )
    .argument(
      '[dir]',
      'folder with job-architecture.json, title-aliases.json, level-crosswalks.json, pay-zones.json (FX rates: rangefinder fx import)',
    )
    .option('--by <name>', 'who applies it (recorded in the revision)')
    .option('--json', 'print the result as JSON')
    .action(apply);
  command.command('show').description('the current catalogue revision and its size').action(show);
  return command;
}
