import { performance } from 'node:perf_hooks';
import { datapointKey, type FieldProblem } from '@rangefinder/contracts';
import { isRowProblems, type ImportFormat } from '../formats';
import { BadRowReport } from './bad-row-report';
import { contractProblems } from './contract-check';
import type { CsvRow } from '../formats/csv-rows';
import type { DatapointMessage, DatapointSink } from './datapoint-sink';
import { rowsPerSecond, type ImportProgress, type ImportSnapshot } from './import-progress';

export interface ImportJob {
  rows: AsyncIterable<CsvRow>;
  format: ImportFormat;
  sink: DatapointSink;
  progress: ImportProgress;
  batchSize: number;
  /** Data rows to read at most, bad ones included. */
  limit?: number;
  /** Aborting stops reading; what was read is still sent. */
  signal?: AbortSignal;
}

export interface ImportOutcome {
  rowsRead: number;
  valid: number;
  sent: number;
  badRows: number;
  firstBadLines: number[];
  elapsedMs: number;
  rowsPerSecond: number;
  interrupted: boolean;
}

const ROWS_BETWEEN_PROGRESS_UPDATES = 250;

/** A row becomes a keyed message only if it maps and the mapped datapoint meets the contract. */
export function datapointMessage(
  format: ImportFormat,
  row: CsvRow,
): DatapointMessage | FieldProblem[] {
  if (row.kind === 'unparseable') return [{ path: '', problem: row.problem }];
  const mapped = format.toDatapoint(row.record, row.line);
  if (isRowProblems(mapped)) return mapped;
  const problems = contractProblems(mapped);
  if (problems.length > 0) return problems;
  return { key: datapointKey(mapped.source, mapped.sourceRecordId), value: JSON.stringify(mapped) };
}

export async function runImport(job: ImportJob): Promise<ImportOutcome> {
  const startedAt = performance.now();
  const badRows = new BadRowReport((line) => job.progress.log(line));
  let rowsRead = 0;
  let valid = 0;
  let bytesRead = 0;
  let batch: DatapointMessage[] = [];
  const snapshot = (): ImportSnapshot => ({
    rowsRead,
    sent: job.sink.sent,
    badRows: badRows.badRows,
    bytesRead,
    elapsedMs: performance.now() - startedAt,
  });

  for await (const row of job.rows) {
    rowsRead += 1;
    if (row.kind === 'record') bytesRead = row.bytesRead;
    const message = datapointMessage(job.format, row);
    if (Array.isArray(message)) {
      badRows.add(row.line, message);
    } else {
      valid += 1;
      batch.push(message);
      if (batch.length >= job.batchSize) {
        await job.sink.send(batch);
        batch = [];
      }
    }
    if (rowsRead % ROWS_BETWEEN_PROGRESS_UPDATES === 0) job.progress.update(snapshot());
    if (rowsRead === job.limit || job.signal?.aborted) break;
  }
  if (batch.length > 0) await job.sink.send(batch);
  await job.sink.drain();

  const final = snapshot();
  job.progress.update(final);
  const notShown = badRows.notShown();
  if (notShown) job.progress.log(notShown);
  return {
    rowsRead,
    valid,
    sent: final.sent,
    badRows: final.badRows,
    firstBadLines: [...badRows.firstBadLines],
    elapsedMs: Math.round(final.elapsedMs),
    rowsPerSecond: rowsPerSecond(rowsRead, final.elapsedMs),
    interrupted: job.signal?.aborted ?? false,
  };
}
