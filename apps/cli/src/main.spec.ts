import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from './commands/import.command';
import { main } from './main';

const HEADER =
  'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

function captured(stream: NodeJS.WriteStream): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}

async function rangefinder(
  ...args: string[]
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const stdout = captured(process.stdout);
  const stderr = captured(process.stderr);
  process.exitCode = undefined;
  try {
    await main(['node', 'rangefinder', ...args]);
    return {
      stdout: stdout.text(),
      stderr: stderr.text(),
      exitCode: Number(process.exitCode ?? 0),
    };
  } finally {
    stdout.restore();
    stderr.restore();
    process.exitCode = undefined;
  }
}

describe('rangefinder import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rangefinder-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says in --help that data rows start at line 2', async () => {
    let help = '';
    const command = importCommand()
      .exitOverride()
      .configureOutput({ writeOut: (text) => (help += text) });
    await expect(command.parseAsync(['--help'], { from: 'user' })).rejects.toMatchObject({
      code: 'commander.helpDisplayed',
    });
    expect(help).toContain('data rows start at line 2');
    expect(help).toContain('--dry-run');
    expect(help).toContain('ai-jobs');
  });

  it('dry-runs a file and prints the summary as JSON, bad rows on stderr, exit code 0', async () => {
    const file = join(dir, 'sample.csv');
    writeFileSync(
      file,
      [
        HEADER,
        '2022,EX,FT,Consultant,120000,USD,120000,PL,0,PL,S',
        '2025,MI,FT,Prompt Engineer,0,EUR,0,AT,0,AT,M',
        '',
      ].join('\r\n'),
    );
    const run = await rangefinder('import', file, '--format', 'ai-jobs', '--dry-run', '--json');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      file,
      format: 'ai-jobs',
      source: 'ai-jobs',
      topic: 'comp.datapoints.v1',
      dryRun: true,
      rowsRead: 2,
      valid: 1,
      sent: 0,
      badRows: 1,
      firstBadLines: [3],
    });
    expect(run.stderr).toContain('line 3: base: must be a positive number');
  });

  it('names the missing file and exits 1 without a stack trace', async () => {
    const missing = join(dir, 'nope.csv');
    const run = await rangefinder('import', missing, '--format', 'ai-jobs', '--dry-run');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(`rangefinder: file not found: ${missing}\n`);
  });
});
