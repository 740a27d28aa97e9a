import type { ImportOutcome } from './run-import';

export interface ImportSummary extends ImportOutcome {
  file: string;
  format: string;
  source: string;
  topic: string;
  /** Partitions of the topic; absent in a dry run. */
  partitions?: number;
  dryRun: boolean;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function headline(s: ImportSummary): string {
  const what = `${s.file} (format ${s.format}, source ${s.source})`;
  const partitions = s.partitions === undefined ? '' : ` (${s.partitions} partitions)`;
  const done = s.dryRun
    ? `Dry run of ${what}: validated, nothing sent`
    : `Imported ${what} into ${s.topic}${partitions}`;
  return s.interrupted ? `${done}; interrupted, the rest of the file was not read` : done;
}

function badRowsLine(s: ImportSummary): string {
  if (s.badRows === 0) return '0';
  const more = s.badRows > s.firstBadLines.length ? ', ...' : '';
  return `${count(s.badRows)} (lines ${s.firstBadLines.join(', ')}${more})`;
}

export function summaryText(s: ImportSummary): string {
  const rows: [string, string][] = [
    ['rows read', count(s.rowsRead)],
    ['valid', count(s.valid)],
    ['sent', s.dryRun ? '0 (dry run)' : count(s.sent)],
    ['bad rows', badRowsLine(s)],
    ['elapsed', `${(s.elapsedMs / 1000).toFixed(1)} s`],
    ['throughput', `${count(s.rowsPerSecond)} rows/s`],
  ];
  return [headline(s), ...rows.map(([label, value]) => `  ${label.padEnd(11)} ${value}`)].join(
    '\n',
  );
}

export function summaryJson(s: ImportSummary): string {
  return JSON.stringify(s);
}
