import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ProcessStartError,
  parseProcStat,
  processPaths,
  processStatus,
  startProcess,
  stopProcess,
  tailLines,
} from './processes';

describe('parseProcStat', () => {
  it('reads state, process group and start time even when the command name has parentheses', () => {
    const fields = [
      'S',
      '1',
      '4242',
      '4242',
      ...Array.from({ length: 15 }, () => '0'),
      '987654',
      '0',
    ];
    expect(parseProcStat(`4242 (we (ird) name) ${fields.join(' ')}`)).toEqual({
      state: 'S',
      pgrp: 4242,
      startTime: '987654',
    });
  });

  it('rejects text that is not a stat line', () => {
    expect(parseProcStat('garbage')).toBeNull();
  });
});

describe('tailLines', () => {
  it('returns the last lines written after an offset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-tail-'));
    const file = join(dir, 'x.log');
    writeFileSync(file, 'old 1\nold 2\n');
    const offset = 'old 1\nold 2\n'.length;
    writeFileSync(file, 'old 1\nold 2\nnew 1\nnew 2\nnew 3\n');
    expect(tailLines(file, 2, offset)).toEqual(['new 2', 'new 3']);
    expect(tailLines(file, 10, offset)).toEqual(['new 1', 'new 2', 'new 3']);
    expect(tailLines(join(dir, 'missing.log'), 5)).toEqual([]);
    rmSync(dir, { recursive: true });
  });
});

// Real child processes: the manager is all about signals, process groups and pid files.
describe('process manager', () => {
  let stateDir: string;
  const started: string[] = [];

  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'rf-processes-'));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(async () => {
    for (const name of started.splice(0)) await stopProcess(name, { stateDir, graceMs: 1_000 });
    rmSync(stateDir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  function httpServer(port: number, extra = ''): string[] {
    return [
      '-e',
      `${extra}; require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'); console.log('listening');`,
    ];
  }

  it('starts a detached process, waits for its ready URL, adopts it when started again, and stops it', async () => {
    const port = await freePort();
    const spec = {
      name: 'web',
      command: process.execPath,
      args: httpServer(port),
      ports: [port],
      readyUrl: `http://127.0.0.1:${port}/`,
      readyTimeoutMs: 10_000,
    };
    started.push('web');
    const first = await startProcess(spec, { stateDir });
    expect(first.alreadyRunning).toBe(false);
    expect(processStatus('web', { stateDir })).toMatchObject({
      state: 'running',
      pid: first.pid,
      ports: [port],
    });
    expect(tailLines(first.logFile, 1)).toEqual(['listening']);
    expect(readFileSync(processPaths(stateDir, 'web').pidFile, 'utf8')).toBe(`${first.pid}\n`);

    const second = await startProcess(spec, { stateDir });
    expect(second).toMatchObject({ alreadyRunning: true, pid: first.pid });

    const stopped = await stopProcess('web', { stateDir });
    expect(stopped).toMatchObject({ outcome: 'stopped', pid: first.pid });
    expect(alive(first.pid)).toBe(false);
    expect(existsSync(processPaths(stateDir, 'web').pidFile)).toBe(false);
    expect(existsSync(processPaths(stateDir, 'web').recordFile)).toBe(false);
    expect(processStatus('web', { stateDir }).state).toBe('stopped');
  });

  it('fails at once with the log tail when the process exits before it is ready', async () => {
    const attempt = startProcess(
      {
        name: 'crasher',
        command: process.execPath,
        args: ['-e', "console.error('cannot connect to postgres'); process.exit(3)"],
        readyUrl: 'http://127.0.0.1:9/',
        readyTimeoutMs: 30_000,
      },
      { stateDir },
    );
    await expect(attempt).rejects.toThrow(ProcessStartError);
    await expect(attempt).rejects.toThrow(/exited \(3\)[\s\S]*cannot connect to postgres/);
    expect(existsSync(processPaths(stateDir, 'crasher').pidFile)).toBe(false);
  });

  it('replaces a stale pid file left by a killed process', async () => {
    const port = await freePort();
    const spec = {
      name: 'web',
      command: process.execPath,
      args: httpServer(port),
      readyUrl: `http://127.0.0.1:${port}/`,
    };
    started.push('web');
    const first = await startProcess(spec, { stateDir });
    process.kill(-first.pid, 'SIGKILL');
    await waitFor(() => processStatus('web', { stateDir }).stalePidFile);

    const second = await startProcess(spec, { stateDir });
    expect(second.alreadyRunning).toBe(false);
    expect(second.pid).not.toBe(first.pid);
  });

  it('refuses to start on a port something else holds', async () => {
    const holder = await listen();
    const port = (holder.address() as { port: number }).port;
    try {
      await expect(
        startProcess(
          { name: 'web', command: process.execPath, args: ['-e', ''], ports: [port] },
          { stateDir },
        ),
      ).rejects.toThrow(new RegExp(`port ${port} .*already in use`));
    } finally {
      holder.close();
    }
  });

  it('kills the whole process group when SIGTERM is ignored', async () => {
    const port = await freePort();
    const ignoreTerm =
      "process.on('SIGTERM', () => {}); require('child_process').spawn('sleep', ['60'], { stdio: 'ignore' })";
    started.push('stubborn');
    const run = await startProcess(
      {
        name: 'stubborn',
        command: process.execPath,
        args: httpServer(port, ignoreTerm),
        readyUrl: `http://127.0.0.1:${port}/`,
      },
      { stateDir },
    );
    const result = await stopProcess('stubborn', { stateDir, graceMs: 500 });
    expect(result.outcome).toBe('killed');
    expect(alive(run.pid)).toBe(false);
  });

  it('starts one process when two launchers race for it', async () => {
    const port = await freePort();
    const spec = {
      name: 'web',
      command: process.execPath,
      args: httpServer(port),
      ports: [port],
      readyUrl: `http://127.0.0.1:${port}/`,
    };
    started.push('web');
    const [a, b] = await Promise.all([
      startProcess(spec, { stateDir }),
      startProcess(spec, { stateDir }),
    ]);
    expect(a.pid).toBe(b.pid);
    expect([a.alreadyRunning, b.alreadyRunning].sort()).toEqual([false, true]);
  });

  it('treats stopping a process that never ran as a no-op', async () => {
    await expect(stopProcess('ghost', { stateDir })).resolves.toMatchObject({
      outcome: 'not-running',
    });
  });
});

/** Alive and not a zombie: this test process is the parent, and may not have reaped it yet. */
function alive(pid: number): boolean {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return stat !== null && stat.state !== 'Z';
  } catch {
    return false;
  }
}

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await listen();
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
