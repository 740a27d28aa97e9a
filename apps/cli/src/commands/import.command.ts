import { constants as fsConstants, createReadStream, promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SOURCE_PATTERN, Topic, physicalTopic } from '@rangefinder/contracts';
import { CommonEnv, loadConfig } from '@rangefinder/platform';
import { CliError } from '../cli-error';
import { IMPORT_FORMATS, importFormatNamed, type ImportFormat } from '../formats';
import { readCsvRows } from '../formats/csv-rows';
import {
  DryRunSink,
  IMPORT_COMPRESSIONS,
  type DatapointSink,
  type ImportCompression,
} from '../import/datapoint-sink';
import { progressFor, type ProgressGoal } from '../import/import-progress';
import { summaryJson, summaryText, type ImportSummary } from '../import/import-summary';
import { runImport } from '../import/run-import';

export interface ImportCommandOptions {
  format: string;
  source?: string;
  /** Default: `comp.datapoints.v1` under KAFKA_TOPIC_NAMESPACE. */
  topic?: string;
  limit?: number;
  dryRun?: boolean;
  brokers?: string;
  batchSize: number;
  compression: ImportCompression;
  json?: boolean;
  verbose?: boolean;
}

export const DEFAULT_BATCH_SIZE = 1000;
/**
 * Kafka's default max.message.bytes is 1 MiB per partition batch; a datapoint is ~300 bytes, so
 * 2,000 uncompressed still fits even on a one-partition topic.
 */
const MAX_BATCH_SIZE = 2000;
const BATCHES_IN_FLIGHT = 4;
const EXIT_INTERRUPTED = 130;
const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

function positiveInteger(max = Number.MAX_SAFE_INTEGER) {
  const expected =
    max === Number.MAX_SAFE_INTEGER
      ? 'a whole number, at least 1'
      : `a whole number from 1 to ${max}`;
  return (value: string): number => {
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(parsed >= 1 && parsed <= max)) throw new InvalidArgumentError(`must be ${expected}`);
    return parsed;
  };
}

function sourceName(value: string): string {
  if (!SOURCE_PATTERN.test(value))
    throw new InvalidArgumentError('must be 1-64 characters of a-z 0-9 . _ -');
  return value;
}

function topicName(value: string): string {
  if (!KAFKA_TOPIC_NAME.test(value))
    throw new InvalidArgumentError('must be 1-249 characters of a-z A-Z 0-9 . _ -');
  return value;
}

function formatHelp(): string {
  return IMPORT_FORMATS.map((format) => `  ${format.name.padEnd(10)} ${format.summary}`).join('\n');
}

const HELP_AFTER = `
Formats:
${formatHelp()}

Each data row is one observation. Its sourceRecordId is its line number in the file: the header
is line 1, so data rows start at line 2. Re-importing the same file re-sends the same keys
(<source>:<line>), which downstream treats as corrections, not new observations.

Bad rows (unparseable, wrong column count, failing the comp.datapoints.v1 contract) are reported
on stderr as "line N: field: problem" and skipped; they never stop the import.

Exit codes: 0 the import completed (even with bad rows), 1 an unrecoverable error (file, Kafka,
configuration), 130 interrupted with Ctrl-C (rows read so far were still sent).

Examples:
  rangefinder import ../shared/data/ai_jobs_net_salaries_2025-01-19.csv --format ai-jobs --dry-run
  rangefinder import salaries.csv --format ai-jobs --limit 1000 --brokers 127.0.0.1:9092 --json`;

interface CsvFile {
  path: string;
  bytes: number;
}

async function findCsv(path: string): Promise<CsvFile> {
  const absolute = resolve(path);
  try {
    const stat = await fs.stat(absolute);
    if (stat.isFile()) {
      await fs.access(absolute, fsConstants.R_OK);
      return { path: absolute, bytes: stat.size };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`file not found: ${absolute}`);
    throw new CliError(`cannot read ${absolute}: ${(error as Error).message}`);
  }
  throw new CliError(`not a file: ${absolute}`);
}

function chosenFormat(options: ImportCommandOptions): ImportFormat {
  const definition = importFormatNamed(options.format);
  if (!definition) throw new CliError(`unknown format ${options.format}`);
  return definition.create(options.source ?? definition.name);
}

const SLOW_CONNECT_NOTICE_MS = 3000;

/** kafkajs retries silently for a while; say why nothing seems to happen. */
async function withSlowNotice<T>(work: Promise<T>, notice: string): Promise<T> {
  const timer = setTimeout(() => process.stderr.write(`${notice}\n`), SLOW_CONNECT_NOTICE_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

async function connectSink(options: ImportCommandOptions): Promise<DatapointSink> {
  if (options.dryRun) return new DryRunSink();
  const env = options.brokers ? { ...process.env, KAFKA_BROKERS: options.brokers } : process.env;
  const config = loadConfig(CommonEnv, env);
  // kafkajs only for a real import: --help, --dry-run and the other commands start without it.
  const { connectKafkaSink } = await import('../import/kafka-datapoint-sink');
  const connecting = connectKafkaSink({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-cli-import`,
    connectionTimeoutMs: config.KAFKA_CONNECTION_TIMEOUT_MS,
    topic: options.topic!,
    compression: options.compression,
    maxInFlight: BATCHES_IN_FLIGHT,
    showKafkaLogs: options.verbose ?? false,
  });
  return withSlowNotice(
    connecting,
    `rangefinder: still trying to reach Kafka at ${config.KAFKA_BROKERS} ...`,
  );
}

function printSummary(summary: ImportSummary, asJson: boolean): void {
  process.stdout.write(`${asJson ? summaryJson(summary) : summaryText(summary)}\n`);
}

function progressGoal(csv: CsvFile, limit: number | undefined): ProgressGoal {
  return limit ? { measure: 'rows', total: limit } : { measure: 'bytes', total: csv.bytes };
}

/** Ctrl-C stops reading and still sends what was read; a second Ctrl-C kills the process. */
async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const interruption = new AbortController();
  const interrupt = (): void => interruption.abort();
  process.once('SIGINT', interrupt);
  try {
    return await work(interruption.signal);
  } finally {
    process.off('SIGINT', interrupt);
  }
}

export async function importFile(file: string, given: ImportCommandOptions): Promise<void> {
  const options = {
    ...given,
    topic:
      given.topic ?? physicalTopic(Topic.Datapoints, loadConfig(CommonEnv).KAFKA_TOPIC_NAMESPACE),
  };
  const format = chosenFormat(options);
  const csv = await findCsv(file);
  const sink = await connectSink(options);
  const progress = progressFor(progressGoal(csv, options.limit));
  try {
    const outcome = await untilInterrupted((signal) =>
      runImport({
        rows: readCsvRows(createReadStream(csv.path), format.requiredColumns),
        format,
        sink,
        progress,
        batchSize: options.batchSize,
        limit: options.limit,
        signal,
      }),
    );
    progress.stop();
    printSummary(
      {
        file: csv.path,
        format: format.name,
        source: format.source,
        topic: options.topic,
        partitions: sink.partitions,
        dryRun: options.dryRun ?? false,
        ...outcome,
      },
      options.json ?? false,
    );
    if (outcome.interrupted) process.exitCode = EXIT_INTERRUPTED;
  } finally {
    progress.stop();
    await sink.close();
  }
}

export function importCommand(): Command {
  return new Command('import')
    .description('stream a CSV of salary observations into comp.datapoints.v1')
    .argument('<file>', 'CSV file to read (streamed, never loaded whole)')
    .addOption(
      new Option('--format <name>', 'layout of the file')
        .choices(IMPORT_FORMATS.map((format) => format.name))
        .makeOptionMandatory(),
    )
    .option(
      '--source <name>',
      'source recorded on every datapoint (default: the format name)',
      sourceName,
    )
    .option(
      '--topic <topic>',
      `topic to produce to; it must exist (default: ${Topic.Datapoints} under KAFKA_TOPIC_NAMESPACE)`,
      topicName,
    )
    .option('--limit <rows>', 'stop after this many data rows', positiveInteger())
    .option('--dry-run', 'map, validate and count every row without connecting to Kafka')
    .option('--brokers <list>', 'Kafka brokers host:port[,host:port] (default: KAFKA_BROKERS)')
    .option(
      '--batch-size <n>',
      `messages per send, at most ${MAX_BATCH_SIZE}`,
      positiveInteger(MAX_BATCH_SIZE),
      DEFAULT_BATCH_SIZE,
    )
    .addOption(
      new Option('--compression <codec>', 'compression of each batch')
        .choices(IMPORT_COMPRESSIONS)
        .default('none'),
    )
    .option('--json', 'print the closing summary as one JSON object on stdout')
    .option('--verbose', "show kafkajs' own log lines on stderr")
    .addHelpText('after', HELP_AFTER)
    .action(importFile);
}
