import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { AuthEnv, Role, issueToken, loadConfig } from '@rangefinder/platform';
import { AI_JOBS_SNAPSHOT_DATE } from '../../apps/cli/src/formats/ai-jobs.format';
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
const BLS_DATA = 'deploy/data/bls_oews_national_M2023_dl.csv';

/** The comp team's own executive range (anchor zone US-A); the market data has no executives. */
const EXECUTIVE_STRUCTURE = {
  name: 'Executive 2025',
  roles: ['vp-engineering', 'vp-data', 'vp-ai', 'vp-product'],
  currency: 'USD',
  rounding: 'nearest-1000',
  levels: [{ level: 'E1', min: 220_000, mid: 275_000, max: 350_000 }],
};

interface BandAnswer {
  roleName: string;
  location: { zone: string };
  band: {
    range: string;
    basis: string;
    derivedFrom: { key: string } | null;
    sample: { n: number | null };
    confidence: { level: string } | null;
  };
}

/** One call to a service as `role`; an answer that is not 2xx throws with its message. */
async function api<T>(
  service: string,
  method: 'GET' | 'POST',
  path: string,
  role: Role,
  body?: unknown,
): Promise<T> {
  const token = issueToken({ subject: `demo-${role}`, role }, loadConfig(AuthEnv));
  const response = await fetch(`${service}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not the error shape: the text as it is
    }
    throw new Error(`${method} ${path}: ${response.status} ${message}`);
  }
  return JSON.parse(text) as T;
}

async function sourceQuality(
  ingestUrl: string,
  source: string,
): Promise<SourceQuality | undefined> {
  const sources = await api<SourceQuality[]>(ingestUrl, 'GET', '/v1/sources', Role.CompAnalyst);
  return sources.find((s) => s.source === source);
}

/** Runs `rangefinder <args> --json` from the build and returns its JSON summary. */
function runCli<T>(repoRoot: string, args: string[], env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args, '--json'],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as T)
        : reject(new Error(`rangefinder ${args[0]} exited with ${code}`)),
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

/** The bands the demo prints: market, derived, London, and the executive structure's open-ended band. */
const SHOWN: [role: string, level: string, location: string][] = [
  ['data-scientist', 'IC4', 'US'],
  ['data-scientist', 'IC4', 'US-CA-San Francisco'],
  ['ml-engineer', 'IC3', 'GB-London'],
  ['data-engineer', 'IC3', 'DE'],
  ['head-of-data', 'M5', 'US'],
  ['vp-engineering', 'E1', 'US-CA-San Francisco'],
];

/**
 * The comp team's first publication: a policy dated at the data's snapshot (the ai-jobs file ends
 * on 2025-01-19, so today's 24-month window would drop most of it), the BLS survey blended in, an
 * executive structure (the data holds no executive titles), then every draft published.
 */
async function publishBands(repoRoot: string, bandsUrl: string, held: number): Promise<string[]> {
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    api<T>(bandsUrl, method, path, Role.CompAnalyst, body);
  for (const deadline = Date.now() + 120_000; ; await sleep(500)) {
    const drafts = await call<{ observations: number }>('GET', '/v1/drafts?pageSize=1');
    if (drafts.observations >= held) break;
    if (Date.now() > deadline)
      throw new Error('bands did not receive the observations in 2 minutes');
  }
  const policy = await call<{ version: number; body: { effectiveDate: string } }>(
    'GET',
    '/v1/policies/current',
  );
  if (policy.body.effectiveDate !== AI_JOBS_SNAPSHOT_DATE) {
    await call('POST', '/v1/policies', { ...policy.body, effectiveDate: AI_JOBS_SNAPSHOT_DATE });
  }
  const survey = await runCli<{ rowsSent: number }>(
    repoRoot,
    ['survey', 'import', join(repoRoot, BLS_DATA), '--format', 'bls-oews', '--bands-url', bandsUrl],
    {},
  );
  const structures = await call<{ name: string; active: boolean }[]>('GET', '/v1/structures');
  if (!structures.some((s) => s.name === EXECUTIVE_STRUCTURE.name && s.active)) {
    await call('POST', '/v1/structures', EXECUTIVE_STRUCTURE);
  }
  const published = await call<{
    published: unknown[];
    unchanged: number;
    withheld: number;
    blocked: unknown[];
    effectiveFrom: string;
  }>('POST', '/v1/drafts/publish', {});
  const shown: string[] = [];
  for (const [role, level, location] of SHOWN) {
    let answer: BandAnswer;
    try {
      answer = await api<BandAnswer>(
        bandsUrl,
        'GET',
        `/v1/bands?role=${role}&level=${level}&location=${encodeURIComponent(location)}`,
        Role.Recruiter,
      );
    } catch (error) {
      shown.push(`  ${role} ${level}, ${location}: ${(error as Error).message}`);
      continue;
    }
    const b = answer.band;
    const basis = b.derivedFrom ? `${b.basis} from ${b.derivedFrom.key}` : b.basis;
    shown.push(
      `  ${`${answer.roleName} ${level}, ${location} (zone ${answer.location.zone})`.padEnd(58)} ${b.range.padEnd(16)} n=${b.sample.n ?? '-'}  ${b.confidence?.level ?? '-'} confidence, ${basis}`,
    );
  }
  return [
    `Bands: ${published.published.length} published (effective ${published.effectiveFrom}, policy dated at the data's snapshot; ${published.unchanged} unchanged, ${published.withheld} withheld: too few records, no band), BLS survey blended (${survey.rowsSent} occupations).`,
    `  ${published.blocked.length} drafts held back: they break zone or ladder order — review them at ${bandsUrl}/v1/drafts?flag=any (comp analyst), publish with an override and a reason.`,
    `Some bands, as a recruiter sees them:`,
    ...shown,
  ];
}

interface OfferAnswer {
  id: string;
  status: string;
  check: { verdict: string; requiredApprovals: string[]; reasons: string[] };
}

/** A recruiter's check and submission, and a comp lead's approval, as the quick start shows them. */
async function offerWalkthrough(offersUrl: string): Promise<string[]> {
  const call = <T>(method: 'POST', path: string, role: Role, body: unknown) =>
    api<T>(offersUrl, method, path, role, body);
  const terms = {
    role: 'data-scientist',
    level: 'IC4',
    location: 'US-CA-San Francisco',
    currency: 'USD',
    base: 255_000,
    bonus: 25_000,
  };
  // The offers service follows comp.bands.v1; wait until the freshly published band is there.
  for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
    const check = await call<{ band: unknown }>('POST', '/v1/offer-checks', Role.Recruiter, terms);
    if (check.band) break;
    if (Date.now() > deadline)
      throw new Error('offers did not receive the published bands in 60 s');
  }
  const offerId = `demo-${Date.now()}`;
  const submitted = await call<OfferAnswer>('POST', '/v1/offers', Role.Recruiter, {
    ...terms,
    offerId,
    requisitionId: 'REQ-DEMO-1',
  });
  const approved = await call<OfferAnswer>(
    'POST',
    `/v1/offers/${offerId}/decisions`,
    Role.CompLead,
    { decision: 'approve', comment: 'Competing offer; approved in the quick start' },
  );
  return [
    `Offers: a recruiter submitted ${offerId} (base $255k, Data Scientist IC4, San Francisco):`,
    `  verdict ${submitted.check.verdict}, status ${submitted.status}, needs ${submitted.check.requiredApprovals.join(' + ') || 'nobody'}`,
    ...submitted.check.reasons.map((reason) => `  "${reason}"`),
    `  a comp lead approved it: status ${approved.status}; both changes are events on comp.offers.v1`,
  ];
}

async function main(): Promise<void> {
  const config = stackConfig();
  const system = await systemUp(config);
  const ingest = system.services.find((s) => s.name === 'ingest')!.url;
  const before = await sourceQuality(ingest, 'ai-jobs');
  logStep('demo', `importing ${DATA} (74,301 real salary records, CC0)`);
  const startedAt = Date.now();
  const imported = await runCli<ImportSummary>(
    config.repoRoot,
    ['import', join(config.repoRoot, DATA), '--format', 'ai-jobs'],
    { KAFKA_BROKERS: system.brokers },
  );
  const quality = await settled(ingest, before, imported.sent);
  const seconds = (Date.now() - startedAt) / 1000;

  const accepted = quality.accepted - (before?.accepted ?? 0);
  const rejected = quality.rejected - (before?.rejected ?? 0);
  const byCode = Object.entries(quality.rejectedByCode).sort(([, a], [, b]) => b - a);
  const bandsUrl = system.services.find((s) => s.name === 'bands')!.url;
  const bands = await publishBands(config.repoRoot, bandsUrl, quality.held);
  const offersUrl = system.services.find((s) => s.name === 'offers')!.url;
  const offers = await offerWalkthrough(offersUrl);

  const lines = [
    '',
    `Rangefinder is up. ai-jobs import: ${imported.sent} sent in ${seconds.toFixed(1)} s end to end`,
    `  accepted  ${accepted}${before ? ' (re-import: same keys, stored as corrections, never doubled)' : ''}`,
    `  rejected  ${rejected} -> comp.datapoints.dlq.v1, by reason (all time):`,
    ...byCode.map(([code, n]) => `            ${code.padEnd(18)} ${n}`),
    `  held now  ${quality.held} observations from ai-jobs`,
    '',
    ...bands,
    '',
    ...offers,
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
    `  curl -H "Authorization: Bearer <recruiter token>" "${bandsUrl}/v1/bands?role=data-scientist&level=IC4&location=US-CA-San%20Francisco"`,
    `  curl -H "Authorization: Bearer <recruiter token>" "${bandsUrl}/v1/bands/export.csv"   every published band`,
    `  curl -H "Authorization: Bearer <comp-analyst token>" "${bandsUrl}/v1/drafts?change=changed"   draft review`,
    `  ${bandsUrl}/docs           OpenAPI of the bands service`,
    `  curl -X POST -H "Authorization: Bearer <recruiter token>" -H 'content-type: application/json' -d '{"role":"data-scientist","level":"IC4","location":"US-CA-San Francisco","currency":"USD","base":185000}' ${offersUrl}/v1/offer-checks`,
    `  curl -H "Authorization: Bearer <finance token>" ${offersUrl}/v1/budget-impact   approved and pending cost vs midpoint`,
    `  ${offersUrl}/docs           OpenAPI of the offers service`,
    `  kcat -C -b ${system.brokers} -t comp.offers.v1 -o beginning -e -q   offer decisions for finance`,
    `  kcat -C -b ${system.brokers} -t comp.bands.v1 -o beginning -e -q | head -1   published band events`,
    `  psql ${system.databaseUrl} -c 'select role, level, zone, count(*) from ingest.observations group by 1,2,3 order by 4 desc limit 20'`,
    '  npm run stack:status | npm run stack:down',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
