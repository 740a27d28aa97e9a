import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { AuthEnv, Role, issueToken, loadConfig } from '@rangefinder/platform';
import { logStep, sleep } from './log';
import { stackConfig } from './stack-config';
import { systemUp } from './system';

interface SourceQuality {
  source: string;
  held: number;
  accepted: number;
  corrected: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
}

interface ImportSummary {
  rowsRead: number;
  sent: number;
  badRows: number;
}

const DATA = 'deploy/data/ai_jobs_net_salaries_2025-01-19.csv';

const analystToken = () =>
  issueToken({ subject: 'demo', role: Role.CompAnalyst }, loadConfig(AuthEnv));

async function sourceQuality(
  ingestUrl: string,
  source: string,
): Promise<SourceQuality | undefined> {
  const response = await fetch(`${ingestUrl}/v1/sources`, {
    headers: { authorization: `Bearer ${analystToken()}` },
  });
  const sources = (await response.json()) as SourceQuality[];
  return sources.find((s) => s.source === source);
}

function runImport(repoRoot: string, brokers: string): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'dist', 'apps', 'cli', 'src', 'main.js'),
        'import',
        join(repoRoot, DATA),
        '--format',
        'ai-jobs',
        '--json',
      ],
      { env: { ...process.env, KAFKA_BROKERS: brokers }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ImportSummary)
        : reject(new Error(`import exited with ${code}`)),
    );
  });
}

/** Waits until ingest has dealt with `expected` more messages of the source than before. */
async function settled(
  ingestUrl: string,
  before: SourceQuality | undefined,
  expected: number,
): Promise<SourceQuality> {
  const done = (q?: SourceQuality) =>
    (q?.accepted ?? 0) + (q?.rejected ?? 0) - ((before?.accepted ?? 0) + (before?.rejected ?? 0));
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; await sleep(500)) {
    const now = await sourceQuality(ingestUrl, 'ai-jobs');
    if (done(now) >= expected) return now!;
  }
  throw new Error(
    'ingest did not finish the import within 5 minutes; see `npm run stack:status` and the logs',
  );
}

async function main(): Promise<void> {
  const config = stackConfig();
  const system = await systemUp(config);
  const ingest = system.services.find((s) => s.name === 'ingest')!.url;
  const before = await sourceQuality(ingest, 'ai-jobs');
  logStep('demo', `importing ${DATA} (74,301 real salary records, CC0)`);
  const startedAt = Date.now();
  const imported = await runImport(config.repoRoot, system.brokers);
  const quality = await settled(ingest, before, imported.sent);
  const seconds = (Date.now() - startedAt) / 1000;

  const accepted = quality.accepted - (before?.accepted ?? 0);
  const rejected = quality.rejected - (before?.rejected ?? 0);
  const byCode = Object.entries(quality.rejectedByCode).sort(([, a], [, b]) => b - a);
  const lines = [
    '',
    `Rangefinder is up. ai-jobs import: ${imported.sent} sent in ${seconds.toFixed(1)} s end to end`,
    `  accepted  ${accepted}${before ? ' (re-import: same keys, stored as corrections, never doubled)' : ''}`,
    `  rejected  ${rejected} -> comp.datapoints.dlq.v1, by reason (all time):`,
    ...byCode.map(([code, n]) => `            ${code.padEnd(18)} ${n}`),
    `  held now  ${quality.held} observations from ai-jobs`,
    '',
    'Tokens (12 h; `npm run rangefinder -- tokens` prints fresh ones):',
    ...Object.values(Role).map(
      (role) =>
        `  ${role.padEnd(13)} ${issueToken({ subject: `quickstart-${role}`, role }, loadConfig(AuthEnv))}`,
    ),
    '',
    'Where to look:',
    `  curl -H "Authorization: Bearer <comp-analyst token>" ${ingest}/v1/sources   data quality per source`,
    `  ${ingest}/docs           OpenAPI`,
    `  ${ingest}/metrics        Prometheus metrics (consumed, accepted, rejected by code, lag, batch latency)`,
    `  kcat -C -b ${system.brokers} -t comp.datapoints.dlq.v1 -o beginning -e -q | head   rejected messages with reasons`,
    `  psql ${system.databaseUrl} -c 'select role, level, zone, count(*) from ingest.observations group by 1,2,3 order by 4 desc limit 20'`,
    '  npm run stack:status | npm run stack:down',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
