import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import type { Client } from 'pg';
import type { PayZone } from '@rangefinder/catalogue';
import { Role } from '@rangefinder/platform';
import { stackConfig, type StackConfig } from '../../deploy/local/stack';
import { BASE_DATABASE_URL } from '../support/ingest-harness';
import { REPO_ROOT, ServiceProcess } from '../support/ingest-process';
import { tokenFor } from '../support/tokens';

/** The ai-jobs snapshot date: a policy effective then has the file's recent years in its window. */
export const EFFECTIVE_DATE = '2025-01-19';

export const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stack of the bench's own (state dir .rangefinder/<name>, broker on the given ports), whatever the shell says. */
export function benchStackConfig(
  name: string,
  kafkaPort: number,
  kafkaControllerPort: number,
): StackConfig {
  return stackConfig({
    ...process.env,
    RANGEFINDER_STACK: name,
    RANGEFINDER_STATE_DIR: '',
    RANGEFINDER_KAFKA_PORT: String(kafkaPort),
    RANGEFINDER_KAFKA_CONTROLLER_PORT: String(kafkaControllerPort),
    KAFKA_BROKERS: '',
  });
}

/** The folder for the logs of the processes a bench starts, created if missing. */
export function benchLogDir(): string {
  const logDir = join(REPO_ROOT, '.rangefinder', 'bench-logs');
  mkdirSync(logDir, { recursive: true });
  return logDir;
}

export function databaseUrl(name: string): string {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A small seeded generator, so every run replays the same message and request mix. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const tokens = new Map<Role, string>();
export const token = (role: Role) =>
  tokens.get(role) ?? tokens.set(role, tokenFor(role)).get(role)!;

/** A request that must succeed: its parsed body, or an error naming the status and the answer. */
export async function ok<T>(
  service: ServiceProcess,
  method: 'GET' | 'POST',
  path: string,
  role: Role,
  body?: unknown,
): Promise<T> {
  const answer = await service.call<T>(method, path, { token: token(role), body });
  if (answer.status >= 300)
    throw new Error(`${method} ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.body;
}

/** A new version of the bands service's current policy, effective on `effectiveDate`. */
export async function policyEffectiveOn(
  bands: ServiceProcess,
  effectiveDate: string,
): Promise<{ version: number; body: { windowMonths: number } }> {
  const current = await ok<{ body: Record<string, unknown> }>(
    bands,
    'GET',
    '/v1/policies/current',
    Role.CompAnalyst,
  );
  return ok(bands, 'POST', '/v1/policies', Role.CompAnalyst, { ...current.body, effectiveDate });
}

export function publishDrafts(bands: ServiceProcess): Promise<{ published: { cell: string }[] }> {
  return ok(bands, 'POST', '/v1/drafts/publish', Role.CompAnalyst, {});
}

/** How people ask for a zone: its code, and (for a city or region zone) the location text of its first rule. */
export function locationsOf(zone: PayZone): string[] {
  const texts = [zone.code];
  const rule = zone.rules[0];
  if (rule) texts.push([rule.country, rule.region, rule.city].filter(Boolean).join('-'));
  if (zone.catchAll && zone.code !== zone.country) texts.push(zone.country);
  return texts;
}

/** Messages of `topic` the service owning `schema` has applied, by its consumer_progress. */
export async function appliedMessages(pg: Client, schema: string, topic: string): Promise<number> {
  // A bigint column: pg returns it as a string.
  const { rows } = await pg.query<{ applied: string }>(
    `SELECT coalesce(sum(next_offset), 0)::bigint AS applied FROM ${schema}.consumer_progress WHERE topic = $1`,
    [topic],
  );
  return Number(rows[0].applied);
}

/** The naive baseline built from test/bench/<name>/main.ts, on the run's database. */
export function startNaive(
  name: string,
  databaseUrl: string,
  logFile: string,
): Promise<ServiceProcess> {
  return ServiceProcess.start(
    'naive',
    { DATABASE_URL: databaseUrl },
    { logFile, script: join(REPO_ROOT, 'dist', 'test', 'bench', name, 'main.js') },
  );
}

/** Deletes the run's topics and disconnects `admin`; a failure is only logged, so the rest of the clean-up still runs. */
export async function deleteRunTopics(
  admin: Admin,
  namespace: string,
  options: { connect?: boolean } = {},
): Promise<void> {
  try {
    if (options.connect) await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(namespace));
    await admin.deleteTopics({ topics });
  } catch (error) {
    log(`could not delete topics ${namespace}*: ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// autocannon 8 ships no type declarations; this is the part of its programmatic API used here.
interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  options: Record<string, unknown>,
) => AutocannonInstance;

/**
 * An autocannon run, with the latency of every response, ascending: autocannon's own histogram
 * counts whole milliseconds and 2xx answers only.
 */
export async function runAutocannon(
  options: Record<string, unknown>,
): Promise<{ result: AutocannonResult; latencies: number[] }> {
  const latencies: number[] = [];
  const instance = autocannon(options);
  instance.on('response', (_client, _status, _bytes, responseMs) => latencies.push(responseMs));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

export const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** A report table's lines: the first four cells padded to `widths`, then the verdict. */
export function tableLines(rows: string[][], widths: number[]): string[] {
  return rows.map(
    (c) =>
      `  ${c
        .slice(0, 4)
        .map((v, i) => v.padEnd(widths[i]))
        .join(' ')} ${c[4]}`,
  );
}

/** Runs a bench's `main` and exits: 0 also when a target is missed, 1 with the stack when it fails. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
