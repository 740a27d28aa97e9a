import { PassThrough } from 'node:stream';
import { ProgressLines, rowsPerSecond, type ImportSnapshot } from './import-progress';

const SNAPSHOT: ImportSnapshot = {
  rowsRead: 12345,
  sent: 12000,
  badRows: 3,
  bytesRead: 500,
  elapsedMs: 2000,
};

describe('import progress', () => {
  it('computes rows per second from elapsed time', () => {
    expect(rowsPerSecond(12345, 2000)).toBe(6173);
    expect(rowsPerSecond(10, 0)).toBe(0);
  });

  it('prints a plain line periodically when stderr is not a terminal', async () => {
    const stream = new PassThrough();
    const printed: string[] = [];
    stream.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
    const progress = new ProgressLines({ measure: 'bytes', total: 1000 }, stream, 10);
    progress.update(SNAPSHOT);
    await new Promise((resolve) => setTimeout(resolve, 35));
    progress.stop();
    expect(printed[0]).toBe('import: 12,345 rows read (50%), 12,000 sent, 3 bad, 6,173 rows/s\n');
  });
});
