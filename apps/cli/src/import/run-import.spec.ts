import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { AiJobsFormat } from '../formats/ai-jobs.format';
import { CliError } from '../cli-error';
import { readCsvRows } from '../formats/csv-rows';
import { DryRunSink, type DatapointMessage, type DatapointSink } from './datapoint-sink';
import type { ImportProgress } from './import-progress';
import { runImport, type ImportOutcome } from './run-import';

const HEADER =
  'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';
const GOOD = '2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M';

class RecordingSink implements DatapointSink {
  readonly batches: DatapointMessage[][] = [];
  sent = 0;

  send(batch: DatapointMessage[]): Promise<void> {
    this.batches.push([...batch]);
    this.sent += batch.length;
    return Promise.resolve();
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {}
}

class RecordingProgress implements ImportProgress {
  readonly lines: string[] = [];
  update(): void {}
  log(line: string): void {
    this.lines.push(line);
  }
  stop(): void {}
}

function csv(...lines: string[]): Readable {
  return Readable.from([`${lines.join('\r\n')}\r\n`]);
}

async function importText(
  input: Readable,
  options: { sink?: DatapointSink; batchSize?: number; limit?: number; signal?: AbortSignal } = {},
): Promise<{ outcome: ImportOutcome; printed: string[] }> {
  const format = new AiJobsFormat();
  const progress = new RecordingProgress();
  const outcome = await runImport({
    rows: readCsvRows(input, format.requiredColumns),
    format,
    sink: options.sink ?? new RecordingSink(),
    progress,
    batchSize: options.batchSize ?? 1000,
    limit: options.limit,
    signal: options.signal,
  });
  return { outcome, printed: progress.lines };
}

describe('runImport', () => {
  it('reports each bad row with its line and keeps going', async () => {
    const sink = new RecordingSink();
    const { outcome, printed } = await importText(
      csv(
        HEADER,
        GOOD,
        '2024,SE,FT,Data Scientist,-5,USD,150000,US,0,US,M',
        '2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M,extra',
        '2024,SE,FT,Data Scientist,150000,USD,150000,usa,0,US,M',
        '2024,SE,FT,Data Scientist,lots,USD,150000,US,0,US,M',
        '2024,SE,FT,"Data "Scientist",150000,USD,150000,US,0,US,M',
        GOOD,
      ),
      { sink },
    );
    expect(printed).toEqual([
      'line 3: base: must be a positive number',
      'line 4: has 12 columns, the header has 11',
      'line 5: location.country: must be an ISO 3166-1 alpha-2 code such as US',
      'line 6: salary: "lots" is not a number',
      expect.stringMatching(/^line 7: Invalid Closing Quote/),
    ]);
    expect(outcome).toMatchObject({
      rowsRead: 7,
      valid: 2,
      sent: 2,
      badRows: 5,
      firstBadLines: [3, 4, 5, 6, 7],
    });
    expect(sink.batches.flat().map((m) => m.key)).toEqual(['ai-jobs:2', 'ai-jobs:8']);
  });

  it('sends the datapoint as JSON under <source>:<line>', async () => {
    const sink = new RecordingSink();
    await importText(csv(HEADER, GOOD), { sink });
    const [message] = sink.batches.flat();
    expect(message?.key).toBe('ai-jobs:2');
    expect(JSON.parse(message?.value ?? '')).toMatchObject({
      schema: 'comp.datapoint.v1',
      sourceRecordId: '2',
      base: 150000,
    });
  });

  it('prints the first 20 bad rows in full and counts the rest', async () => {
    const bad = Array.from({ length: 25 }, () => '2031,SE,FT,Data Scientist,1,USD,1,US,0,US,M');
    const { outcome, printed } = await importText(csv(HEADER, ...bad));
    expect(outcome.badRows).toBe(25);
    expect(printed).toHaveLength(21);
    expect(printed[19]).toMatch(/^line 21: work_year:/);
    expect(printed[20]).toBe('... and 5 more bad rows not shown');
    expect(outcome.firstBadLines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('sends in batches of the requested size', async () => {
    const sink = new RecordingSink();
    await importText(csv(HEADER, GOOD, GOOD, GOOD, GOOD, GOOD), { sink, batchSize: 2 });
    expect(sink.batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('stops after --limit data rows, bad ones included', async () => {
    const { outcome } = await importText(csv(HEADER, GOOD, 'x', GOOD, GOOD), { limit: 3 });
    expect(outcome).toMatchObject({ rowsRead: 3, valid: 2, badRows: 1 });
  });

  it('stops reading when interrupted and still sends what it read', async () => {
    const interruption = new AbortController();
    interruption.abort();
    const { outcome } = await importText(csv(HEADER, GOOD, GOOD, GOOD), {
      signal: interruption.signal,
    });
    expect(outcome).toMatchObject({ rowsRead: 1, sent: 1, interrupted: true });
  });

  it('refuses a file whose header lacks the columns the format reads', async () => {
    await expect(importText(csv('work_year,salary', '2024,1'))).rejects.toThrow(CliError);
    await expect(importText(csv('work_year,salary', '2024,1'))).rejects.toThrow(
      /lacks columns experience_level/,
    );
  });

  it('skips a byte order mark and blank lines', async () => {
    const { outcome } = await importText(Readable.from([`\ufeff${HEADER}\n${GOOD}\n\n${GOOD}\n`]));
    expect(outcome).toMatchObject({ rowsRead: 2, valid: 2, badRows: 0 });
  });
});

// The real file ships with the repo (deploy/data), so this always runs.
const REAL_FILE = resolve(__dirname, '../../../../deploy/data/ai_jobs_net_salaries_2025-01-19.csv');

describe('dry run over the real ai-jobs file', () => {
  it('reads all 74,301 rows and every one meets the contract', async () => {
    const { outcome } = await importText(createReadStream(REAL_FILE), { sink: new DryRunSink() });
    expect(outcome).toMatchObject({ rowsRead: 74301, valid: 74301, badRows: 0, sent: 0 });
  }, 120_000);
});
