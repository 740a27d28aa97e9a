import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export interface ImportSnapshot {
  rowsRead: number;
  sent: number;
  badRows: number;
  bytesRead: number;
  elapsedMs: number;
}

/** What 100 % means: the file's size, or the --limit row count. */
export interface ProgressGoal {
  measure: 'bytes' | 'rows';
  total: number;
}

export interface ImportProgress {
  update(snapshot: ImportSnapshot): void;
  /** Prints a line without tearing the progress display. */
  log(line: string): void;
  stop(): void;
}

export const PROGRESS_LINE_INTERVAL_MS = 5000;

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function done(goal: ProgressGoal, snapshot: ImportSnapshot): number {
  return goal.measure === 'bytes' ? snapshot.bytesRead : snapshot.rowsRead;
}

function percent(goal: ProgressGoal, snapshot: ImportSnapshot): number {
  return goal.total > 0 ? Math.min(100, Math.floor((100 * done(goal, snapshot)) / goal.total)) : 0;
}

/** An interactive bar, redrawn in place on a terminal. */
export class ProgressBar implements ImportProgress {
  private readonly bars: MultiBar;
  private readonly bar: SingleBar;
  private stopped = false;

  constructor(
    private readonly goal: ProgressGoal,
    stream: NodeJS.WriteStream,
  ) {
    this.bars = new MultiBar(
      {
        stream,
        format:
          'import [{bar}] {percentage}% | {rows} rows | {sent} sent | {bad} bad | {rate} rows/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 200,
      },
      Presets.shades_classic,
    );
    this.bar = this.bars.create(goal.total, 0, { rows: '0', sent: '0', bad: '0', rate: '0' });
  }

  update(snapshot: ImportSnapshot): void {
    this.bar.update(Math.min(done(this.goal, snapshot), this.goal.total), {
      rows: count(snapshot.rowsRead),
      sent: count(snapshot.sent),
      bad: count(snapshot.badRows),
      rate: count(rowsPerSecond(snapshot.rowsRead, snapshot.elapsedMs)),
    });
  }

  log(line: string): void {
    this.bars.log(`${line}\n`);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bars.stop();
  }
}

/** For logs and pipes: one plain line every few seconds instead of terminal control codes. */
export class ProgressLines implements ImportProgress {
  private latest: ImportSnapshot | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly goal: ProgressGoal,
    private readonly stream: NodeJS.WritableStream,
    intervalMs = PROGRESS_LINE_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => this.printLatest(), intervalMs);
    this.timer.unref();
  }

  update(snapshot: ImportSnapshot): void {
    this.latest = snapshot;
  }

  log(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private printLatest(): void {
    const s = this.latest;
    if (!s) return;
    this.log(
      `import: ${count(s.rowsRead)} rows read (${percent(this.goal, s)}%), ${count(s.sent)} sent, ` +
        `${count(s.badRows)} bad, ${count(rowsPerSecond(s.rowsRead, s.elapsedMs))} rows/s`,
    );
  }
}

export function progressFor(
  goal: ProgressGoal,
  stream: NodeJS.WriteStream = process.stderr,
): ImportProgress {
  return stream.isTTY ? new ProgressBar(goal, stream) : new ProgressLines(goal, stream);
}
