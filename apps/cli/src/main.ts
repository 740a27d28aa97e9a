#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@rangefinder/platform';
import { CliError } from './cli-error';
import { catalogueCommand } from './commands/catalogue.command';
import { fxCommand } from './commands/fx.command';
import { importCommand } from './commands/import.command';
import { surveyCommand } from './commands/survey.command';
import { tokensCommand } from './commands/tokens.command';

/** The `rangefinder` command; every subcommand lives in its own file under ./commands. */
export function rangefinderProgram(): Command {
  const program = new Command('rangefinder')
    .description('Rangefinder compensation benchmarking: load market data, run the local stack')
    .showHelpAfterError('(add --help for usage)');
  for (const command of [
    importCommand(),
    surveyCommand(),
    catalogueCommand(),
    fxCommand(),
    tokensCommand(),
  ])
    program.addCommand(command.copyInheritedSettings(program));
  return program;
}

/** Expected failures print one actionable line; anything else is a bug and keeps its stack trace. */
function reportFailure(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`rangefinder: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`rangefinder: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `rangefinder: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await rangefinderProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}

if (require.main === module) void main();
