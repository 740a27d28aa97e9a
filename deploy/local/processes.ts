import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { logStep, since, sleep } from './log';
import { stackConfig } from './stack-config';

export interface ProcessSpec {
  /** Names the pid file and the log file; one process per name and stack. */
  name: string;
  command: string;
  args?: string[];
  /** Added to the launcher's own environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Ready once this answers HTTP 200. */
  readyUrl?: string;
  /** Ready once this resolves true; for processes that do not speak HTTP (Kafka). */
  readyCheck?: () => Promise<boolean>;
  readyTimeoutMs?: number;
  /** Must be free before starting; shown by status. */
  ports?: number[];
  /** Shown in the "ready on …" line, e.g. the listener address. */
  endpoint?: string;
}

export interface ManagerOptions {
  stateDir?: string;
}

export interface StartedProcess {
  name: string;
  pid: number;
  alreadyRunning: boolean;
  logFile: string;
  tookMs: number;
}

export interface StopOptions extends ManagerOptions {
  /** How long SIGTERM gets before SIGKILL. */
  graceMs?: number;
}

export type StopOutcome = 'stopped' | 'killed' | 'not-running' | 'stale';

export interface StopResult {
  name: string;
  outcome: StopOutcome;
  pid?: number;
  tookMs: number;
}

export interface ProcessStatus {
  name: string;
  state: 'running' | 'stopped';
  pid?: number;
  ports: number[];
  logFile: string;
  startedAt?: string;
  /** A pid file was left by a process that is gone (crash, kill -9, reboot). */
  stalePidFile: boolean;
}

/** What the record beside a pid file holds: enough to tell our process from a later one that reuses its pid. */
export interface ProcessRecord {
  name: string;
  pid: number;
  /** Kernel start time (clock ticks since boot) from /proc; null where /proc is absent. */
  startTime: string | null;
  command: string;
  args: string[];
  ports: number[];
  logFile: string;
  startedAt: string;
}

export interface ProcStat {
  state: string;
  pgrp: number;
  startTime: string;
}

export class ProcessStartError extends Error {}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const DEFAULT_GRACE_MS = 30_000;
const KILL_WAIT_MS = 10_000;
const POLL_MS = 250;
const FAILURE_TAIL_LINES = 40;
const MAX_LOG_BYTES = 20 * 1024 * 1024;

export interface ProcessPaths {
  /** Just the pid, so `kill $(cat …)` works. */
  pidFile: string;
  /** The full ProcessRecord beside it. */
  recordFile: string;
  logFile: string;
}

export function processPaths(stateDir: string, name: string): ProcessPaths {
  return {
    pidFile: join(stateDir, 'run', `${name}.pid`),
    recordFile: join(stateDir, 'run', `${name}.json`),
    logFile: join(stateDir, 'logs', `${name}.log`),
  };
}

export async function startProcess(
  spec: ProcessSpec,
  options: ManagerOptions = {},
): Promise<StartedProcess> {
  const stateDir = options.stateDir ?? stackConfig().stateDir;
  const lockWaitMs = (spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS) + 30_000;
  return withStateLock(stateDir, `${spec.name}.start`, lockWaitMs, () =>
    startUnlocked(spec, stateDir),
  );
}

/**
 * Runs `action` while holding `<state>/run/<lock>.lock`, so two launchers of one stack
 * (a person's `stack up` and a test run) never start the same thing twice.
 */
export async function withStateLock<T>(
  stateDir: string,
  lock: string,
  timeoutMs: number,
  action: () => Promise<T>,
): Promise<T> {
  mkdirSync(join(stateDir, 'run'), { recursive: true });
  const lockFile = join(stateDir, 'run', `${lock}.lock`);
  const deadline = Date.now() + timeoutMs;
  let reported = false;
  while (!tryLock(lockFile)) {
    if (Date.now() >= deadline) {
      throw new ProcessStartError(
        `${lockFile} is held by pid ${readText(lockFile)?.trim()}; remove it if that launcher is gone`,
      );
    }
    if (!reported) {
      logStep(
        lock.replace(/\.start$/, ''),
        `waiting for another launcher (pid ${readText(lockFile)?.trim()})`,
      );
      reported = true;
    }
    await sleep(POLL_MS);
  }
  try {
    return await action();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

async function startUnlocked(spec: ProcessSpec, stateDir: string): Promise<StartedProcess> {
  const startedAt = Date.now();
  const paths = processPaths(stateDir, spec.name);
  const logFile = paths.logFile;
  const existing = readRecord(paths, spec.name);
  if (existing && isRunning(existing)) {
    return adoptRunning(spec, existing, startedAt);
  }
  if (existing) {
    logStep(spec.name, `removing stale pid file (pid ${existing.pid} is gone)`);
    removeRecord(paths);
  }
  await assertPortsFree(spec.name, spec.ports ?? []);

  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  rotateIfLarge(logFile);
  const logOffset = fileSize(logFile);
  const child = await spawnDetached(spec, logFile);
  const record: ProcessRecord = {
    name: spec.name,
    pid: child.pid as number,
    startTime: readProcStat(child.pid as number)?.startTime ?? null,
    command: spec.command,
    args: spec.args ?? [],
    ports: spec.ports ?? [],
    logFile,
    startedAt: new Date().toISOString(),
  };
  writeRecord(paths, record);

  let exitCode: string | null = null;
  child.once('exit', (code, signal) => {
    exitCode = signal ?? String(code);
  });
  try {
    await waitUntilReady(spec, () => exitCode, logFile, logOffset);
  } catch (error) {
    await terminate(record, 5_000);
    removeRecord(paths);
    throw error;
  } finally {
    child.removeAllListeners('exit');
    child.unref();
  }
  logStep(spec.name, `ready${where(spec)} in ${since(startedAt)} (pid ${record.pid})`);
  return {
    name: spec.name,
    pid: record.pid,
    alreadyRunning: false,
    logFile,
    tookMs: Date.now() - startedAt,
  };
}

export async function stopProcess(name: string, options: StopOptions = {}): Promise<StopResult> {
  const stateDir = options.stateDir ?? stackConfig().stateDir;
  const startedAt = Date.now();
  const paths = processPaths(stateDir, name);
  const record = readRecord(paths, name);
  if (!record) return { name, outcome: 'not-running', tookMs: 0 };
  if (!isRunning(record)) {
    removeRecord(paths);
    return { name, outcome: 'stale', pid: record.pid, tookMs: Date.now() - startedAt };
  }
  const outcome = await terminate(record, options.graceMs ?? DEFAULT_GRACE_MS);
  if (isRunning(record)) {
    throw new Error(
      `${name}: process group ${record.pid} survived SIGKILL; pid file kept at ${paths.pidFile}`,
    );
  }
  removeRecord(paths);
  return { name, outcome, pid: record.pid, tookMs: Date.now() - startedAt };
}

export function processStatus(name: string, options: ManagerOptions = {}): ProcessStatus {
  const stateDir = options.stateDir ?? stackConfig().stateDir;
  const paths = processPaths(stateDir, name);
  const logFile = paths.logFile;
  const record = readRecord(paths, name);
  if (!record) return { name, state: 'stopped', ports: [], logFile, stalePidFile: false };
  if (!isRunning(record)) {
    return {
      name,
      state: 'stopped',
      pid: record.pid,
      ports: record.ports,
      logFile,
      stalePidFile: true,
    };
  }
  return {
    name,
    state: 'running',
    pid: record.pid,
    ports: record.ports,
    logFile: record.logFile,
    startedAt: record.startedAt,
    stalePidFile: false,
  };
}

/** Names of every process this stack has a pid file for. */
export function listProcesses(options: ManagerOptions = {}): string[] {
  const runDir = join(options.stateDir ?? stackConfig().stateDir, 'run');
  if (!existsSync(runDir)) return [];
  return readdirSync(runDir)
    .filter((file) => file.endsWith('.pid'))
    .map((file) => file.slice(0, -'.pid'.length))
    .sort();
}

/** The process group leader is ours and alive, or (leader gone) members of its group still are. */
export function isRunning(record: ProcessRecord): boolean {
  if (!procAvailable()) return signalReaches(-record.pid);
  const leader = readProcStat(record.pid);
  if (leader && record.startTime !== null && leader.startTime !== record.startTime) {
    // The pid was reused by an unrelated process; the kernel never reuses a pid still
    // naming a live process group, so our group is gone too.
    return false;
  }
  return groupMembers(record.pid).length > 0;
}

export function parseProcStat(text: string): ProcStat | null {
  // comm (field 2) may hold spaces and parentheses: parse after its last ')'.
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const pgrp = Number(fields[2]);
  const startTime = fields[19];
  if (!fields[0] || !Number.isInteger(pgrp) || !startTime) return null;
  return { state: fields[0], pgrp, startTime };
}

export function tailLines(file: string, count: number, fromOffset = 0): string[] {
  if (!existsSync(file)) return [];
  const size = fileSize(file);
  const start = Math.max(fromOffset, size - 64 * 1024);
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  const lines = buffer.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-count);
}

async function adoptRunning(
  spec: ProcessSpec,
  record: ProcessRecord,
  startedAt: number,
): Promise<StartedProcess> {
  logStep(spec.name, `already running (pid ${record.pid})`);
  await waitUntilReady(spec, () => (isRunning(record) ? null : 'gone'), record.logFile, 0);
  return {
    name: spec.name,
    pid: record.pid,
    alreadyRunning: true,
    logFile: record.logFile,
    tookMs: Date.now() - startedAt,
  };
}

async function spawnDetached(spec: ProcessSpec, logFile: string): Promise<ChildProcess> {
  const logFd = openSync(logFile, 'a');
  try {
    writeFileSync(
      logFd,
      `---- ${new Date().toISOString()} starting ${spec.name}: ${spec.command} ${(spec.args ?? []).join(' ')}\n`,
    );
    // detached: own session and process group, so the whole tree can be signalled and
    // survives the launcher exiting (jest globalSetup, `stack up`).
    const child = spawn(spec.command, spec.args ?? [], {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) =>
        reject(
          new ProcessStartError(`${spec.name}: cannot run '${spec.command}': ${error.message}`),
        ),
      );
    });
    return child;
  } finally {
    closeSync(logFd);
  }
}

async function waitUntilReady(
  spec: ProcessSpec,
  exitStatus: () => string | null,
  logFile: string,
  logOffset: number,
): Promise<void> {
  const timeoutMs = spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const check = readinessCheck(spec);
  for (;;) {
    const exited = exitStatus();
    if (exited !== null) {
      throw new ProcessStartError(
        failureMessage(`${spec.name}: exited (${exited}) before it was ready`, logFile, logOffset),
      );
    }
    if (await check()) return;
    if (Date.now() >= deadline) {
      throw new ProcessStartError(
        failureMessage(`${spec.name}: not ready after ${timeoutMs / 1000}s`, logFile, logOffset),
      );
    }
    await sleep(POLL_MS);
  }
}

function readinessCheck(spec: ProcessSpec): () => Promise<boolean> {
  if (spec.readyCheck) return spec.readyCheck;
  const url = spec.readyUrl;
  if (url) return () => answers200(url);
  let polls = 0;
  // Without a probe, surviving a moment is the best evidence there is.
  return () => Promise.resolve(++polls > 2);
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function failureMessage(headline: string, logFile: string, logOffset: number): string {
  const tail = tailLines(logFile, FAILURE_TAIL_LINES, logOffset);
  const shown = tail.length > 0 ? tail.map((line) => `  | ${line}`).join('\n') : '  (log is empty)';
  return `${headline}; last lines of ${logFile}:\n${shown}`;
}

async function terminate(record: ProcessRecord, graceMs: number): Promise<'stopped' | 'killed'> {
  signalGroup(record.pid, 'SIGTERM');
  if (await waitForExit(record, graceMs)) return 'stopped';
  logStep(record.name, `still running ${graceMs / 1000}s after SIGTERM, sending SIGKILL`);
  signalGroup(record.pid, 'SIGKILL');
  await waitForExit(record, KILL_WAIT_MS);
  return 'killed';
}

async function waitForExit(record: ProcessRecord, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(record)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function signalReaches(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function assertPortsFree(name: string, ports: number[]): Promise<void> {
  for (const port of ports) {
    if (!(await portFree(port))) {
      throw new ProcessStartError(
        `${name}: port ${port} on 127.0.0.1 is already in use by another process ` +
          `(not one this stack started); stop it or choose another port (see \`ss -ltnp 'sport = :${port}'\`)`,
      );
    }
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function readRecord(paths: ProcessPaths, name: string): ProcessRecord | null {
  const pid = Number(readText(paths.pidFile)?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const record = parseRecord(readText(paths.recordFile));
  if (record && record.pid === pid) return record;
  // A pid file without its record (written by hand, or an older launcher): trust the pid alone.
  return {
    name,
    pid,
    startTime: null,
    command: '',
    args: [],
    ports: [],
    logFile: paths.logFile,
    startedAt: '',
  };
}

function parseRecord(text: string | null): ProcessRecord | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as ProcessRecord;
  } catch {
    return null;
  }
}

/** Record first, pid file last: a pid file present means its record is complete. */
function writeRecord(paths: ProcessPaths, record: ProcessRecord): void {
  writeAtomically(paths.recordFile, `${JSON.stringify(record, null, 2)}\n`);
  writeAtomically(paths.pidFile, `${record.pid}\n`);
}

function removeRecord(paths: ProcessPaths): void {
  rmSync(paths.pidFile, { force: true });
  rmSync(paths.recordFile, { force: true });
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function tryLock(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readText(lockFile)?.trim());
    // A launcher killed mid-start leaves its lock behind.
    if (Number.isInteger(holder) && holder > 0 && !signalReaches(holder)) {
      rmSync(lockFile, { force: true });
    }
    return false;
  }
}

/** Keeps one previous generation, so a long-lived state dir does not grow without bound. */
function rotateIfLarge(logFile: string): void {
  if (fileSize(logFile) > MAX_LOG_BYTES) renameSync(logFile, `${logFile}.1`);
}

function procAvailable(): boolean {
  return existsSync('/proc/self/stat');
}

function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Live (non-zombie) pids whose process group is `pgid`. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') {
      members.push(Number(entry));
    }
  }
  return members;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function where(spec: ProcessSpec): string {
  const endpoint = spec.endpoint ?? spec.readyUrl;
  return endpoint ? ` on ${endpoint}` : '';
}
