import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Role, findRepoRoot } from '@rangefinder/platform';
import { tokenFor } from './tokens';

/** The checkout, whether this runs from the sources (jest) or from their build in dist/ (benchmarks). */
export const REPO_ROOT = findRepoRoot(__dirname);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}

/** A service started from the build (dist/) as its own OS process, as in production. */
export class ServiceProcess {
  private exited?: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Starts `dist/apps/<app>/src/main.js` (or `options.script`) and waits for `/health/ready` unless `options.noHttp`. */
  static async start(
    app: string,
    env: Record<string, string>,
    options: {
      logFile: string;
      readyTimeoutMs?: number;
      script?: string;
      noHttp?: boolean;
      nodeArgs?: string[];
    },
  ): Promise<ServiceProcess> {
    const port = await freePort();
    const portVariable = `${app.toUpperCase()}_PORT`;
    const script = options.script ?? join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js');
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
      env: { ...process.env, ...env, [portVariable]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('exit', () => log.end());
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`, options.logFile);
    let died = false;
    void service.exited!.then(() => (died = true));
    if (options.noHttp) return service;
    await waitFor(
      `${app} to become ready (log: ${options.logFile})`,
      async () => {
        if (died) throw new Error(`${app} exited during start; see ${options.logFile}`);
        const response = await fetch(`${service.url}/health/ready`);
        return response.ok;
      },
      options.readyTimeoutMs ?? 90_000,
    );
    return service;
  }

  /** GET as a comp analyst (or the given bearer token); anything but 2xx throws. */
  async getJson<T>(path: string, token = tokenFor(Role.CompAnalyst)): Promise<T> {
    const { status, body } = await this.call<T>('GET', path, { token });
    if (status < 200 || status > 299) throw new Error(`GET ${path}: ${status}`);
    return body;
  }

  /** Any request with a bearer token (none when `token` is null); the status and the parsed body. */
  async call<T = unknown>(
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: T; text: string }> {
    const token = options.token === undefined ? tokenFor(Role.CompAnalyst) : options.token;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (CSV): the text is the body
    }
    return { status: response.status, body: body as T, text };
  }

  /** SIGKILL: no drain, no goodbye — a crash. */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait for the drain; returns the exit code. */
  async stop(timeoutMs = 60_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited!;
    clearTimeout(timer);
    return code;
  }
}
