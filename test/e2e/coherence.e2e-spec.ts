import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PERCENTILE_KEYS } from '@rangefinder/comp-math';
import type { PayZone } from '@rangefinder/catalogue';
import { Topic, type BandPercentiles } from '@rangefinder/contracts';
import { asMessage, realDatapoints } from '../support/datapoints';
import { IngestHarness } from '../support/ingest-harness';
import { REPO_ROOT, type ServiceProcess } from '../support/ingest-process';
import { recruiterView } from '../support/recruiter-view';

/** The demo's data: every ai-jobs record, the BLS survey, the demo's effective date. */
const EFFECTIVE = '2025-01-19';
const BLS = join(REPO_ROOT, 'deploy', 'data', 'bls_oews_national_M2023_dl.csv');
const CLI = join(REPO_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

interface Flag {
  kind: string;
  message: string;
  against?: string;
}

interface Band {
  key: string;
  role: string;
  level: string;
  zone: string;
  currency: string;
  basis: string;
  percentiles: BandPercentiles;
  min: number | null;
  mid: number | null;
  max: number | null;
  components: { bonus: BandPercentiles | null; equity: BandPercentiles | null };
  provenance: {
    selection: { rule: string | null; passedOver: { rule: string; reason: string }[] };
  };
  override?: { by: string; reason: string; flags: Flag[] };
}

interface Draft extends Band {
  flags: Flag[];
  review: { n: number; candidates: { rule: string; n: number; reasons: string[] }[] };
}

interface Page<T> {
  total: number;
  items: T[];
  flags?: Record<string, number>;
}

interface PublishReport {
  published: { cell: string; version: number }[];
  blocked: { cell: string; flags: Flag[] }[];
  overridden: string[];
}

const ordered = (p: BandPercentiles | null) => {
  const points = PERCENTILE_KEYS.map((k) => p?.[k] ?? null).filter((v) => v !== null);
  return points.every((v, i) => i === 0 || v >= points[i - 1]);
};

describe('coherent bands on the real ai-jobs and BLS data', () => {
  const h = new IngestHarness('coherence');
  let zones: Map<string, PayZone>;
  let levelRank: Map<string, number>;

  const all = async <T>(path: string): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const { body } = await h.bands!.call<Page<T>>(
        'GET',
        `${path}${sep}pageSize=500&page=${page}`,
      );
      out.push(...body.items);
      if (out.length >= body.total) return out;
    }
  };

  /** Every pair that breaks zone or ladder order, recomputed here from the published figures. */
  const inversions = (bands: Band[]) => {
    const rank = (band: Band) => levelRank.get(`${band.role}|${band.level}`)!;
    const groups = new Map<string, { kind: string; rank: (b: Band) => number; bands: Band[] }>();
    const add = (key: string, kind: string, by: (b: Band) => number, band: Band) => {
      const group = groups.get(key) ?? { kind, rank: by, bands: [] };
      group.bands.push(band);
      groups.set(key, group);
    };
    for (const b of bands) {
      if (b.mid === null) continue;
      const zone = zones.get(b.zone)!;
      add(
        `zone ${b.role}|${b.level}|${zone.country}|${b.currency}`,
        'zone-order',
        (x) => zones.get(x.zone)!.differential,
        b,
      );
      add(`ladder ${b.role}|${b.zone}`, 'ladder-order', rank, b);
    }
    const pairs: string[] = [];
    for (const { kind, rank: by, bands: group } of groups.values())
      for (const a of group)
        for (const b of group)
          if (by(a) > by(b) && a.mid! < b.mid!) pairs.push(`${kind} ${a.key} < ${b.key}`);
    return pairs;
  };

  let report: PublishReport;
  let offers: ServiceProcess | undefined;

  beforeAll(async () => {
    await h.setUp();
    await h.startIngest();
    await h.startBands();
    expect(await h.changeBandPolicy({ effectiveDate: EFFECTIVE })).toBe(201);
    // The survey goes in as the demo loads it: `rangefinder survey import`, the bundled role map.
    const args = ['survey', 'import', BLS, '--format', 'bls-oews', '--bands-url', h.bands!.url];
    const survey = JSON.parse(
      execFileSync(process.execPath, [CLI, ...args, '--json'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      }),
    ) as { rowsSent: number };
    expect(survey.rowsSent).toBeGreaterThan(0);
    await h.produce(realDatapoints(74_301, 'ai-jobs').map(asMessage));
    await h.drained(300_000);
    await h.bandsDrained();

    const reference = await h.bands!.call<{ zones: PayZone[] }>('GET', '/v1/zones');
    zones = new Map(reference.body.zones.map((z) => [z.code, z]));
    const architecture = await h.bands!.call<{
      roles: { code: string; ladder: string }[];
      ladders: { code: string; levels: { code: string; rank: number }[] }[];
    }>('GET', '/v1/job-architecture');
    levelRank = new Map();
    for (const role of architecture.body.roles) {
      const ladder = architecture.body.ladders.find((l) => l.code === role.ladder)!;
      for (const level of ladder.levels) levelRank.set(`${role.code}|${level.code}`, level.rank);
    }
    report = (await h.bands!.call<PublishReport>('POST', '/v1/drafts/publish', { body: {} })).body;
  }, 600_000);
  afterAll(async () => {
    await offers?.stop();
    await h.tearDown();
  });

  it('publishes every band in order: percentiles, edges, bonus and equity', async () => {
    const bands = await all<Band>('/v1/bands');
    expect(bands.length).toBe(report.published.length);
    expect(bands.length).toBeGreaterThan(1000);
    const disordered = bands.filter(
      (b) =>
        !ordered(b.percentiles) ||
        !ordered(b.components.bonus) ||
        !ordered(b.components.equity) ||
        !(b.min! <= b.mid! && b.mid! <= b.max!),
    );
    expect(disordered.map((b) => b.key)).toEqual([]);
    // The case: 8 records blended with the survey, P75 above P90 before.
    const designer = bands.find((b) => b.key === 'product-designer|IC3|US')!;
    expect(designer.basis).toBe('blended');
    expect(ordered(designer.percentiles)).toBe(true);
  });

  it('publishes no zone or ladder inversion, and blocks every flagged draft', async () => {
    const bands = await all<Band>('/v1/bands');
    const byKey = new Map(bands.map((b) => [b.key, b]));
    expect(inversions(bands)).toEqual([]);

    const flagged = await all<{ draft: Draft }>('/v1/drafts?flag=any');
    expect(report.blocked.map((b) => b.cell).sort()).toEqual(
      flagged.map((r) => r.draft.key).sort(),
    );
    for (const { cell } of report.blocked) expect(byKey.has(cell)).toBe(false);
    // Flags name their kind and the other cell; the real data has ladder problems to review.
    expect(report.blocked.length).toBeGreaterThan(0);
    expect(report.blocked.every((b) => b.flags.every((f) => f.against !== undefined))).toBe(true);
  });

  it('never publishes a survey alone where the country pool meets the minimum', async () => {
    const drafts = await all<{ draft: Draft }>('/v1/drafts');
    const surveyOnly = drafts.filter((r) => r.draft.basis === 'survey');
    for (const { draft } of surveyOnly) {
      const country = draft.review.candidates.find((c) => c.rule === 'country-pool')!;
      expect([draft.key, country.reasons.length > 0]).toEqual([draft.key, true]);
    }
    // The case: San Francisco's engineering managers, derived from 238 US records.
    const sf = drafts.find((r) => r.draft.key === 'engineering-manager|M2|US-A')!.draft;
    const us = drafts.find((r) => r.draft.key === 'engineering-manager|M2|US')!.draft;
    expect(sf.provenance.selection.rule).toBe('country-pool');
    expect(sf.mid!).toBeGreaterThan(us.mid!);
  });

  it('publishes a flagged draft only under an override, recorded with who and why', async () => {
    const [blocked] = report.blocked;
    const again = await h.bands!.call<PublishReport>('POST', '/v1/drafts/publish', {
      body: { cells: [blocked.cell] },
    });
    expect(again.body.published).toEqual([]);
    expect(again.body.blocked.map((b) => b.cell)).toEqual([blocked.cell]);

    const reason = 'reviewed: the lower level is derived from a wider pool';
    const forced = await h.bands!.call<PublishReport>('POST', '/v1/drafts/publish', {
      body: { cells: [blocked.cell], overrides: [{ cell: blocked.cell, reason }] },
    });
    expect(forced.body.overridden).toEqual([blocked.cell]);
    const [role, level, zone] = blocked.cell.split('|');
    const history = await h.bands!.call<Band[]>(
      'GET',
      `/v1/bands/${role}/${level}/${zone}/history`,
    );
    expect(history.body.at(-1)?.override?.reason).toBe(reason);
    expect(history.body.at(-1)?.override?.by).toBeTruthy();
    expect(history.body.at(-1)?.override?.flags.length).toBeGreaterThan(0);

    const stray = await h.bands!.call<{ fields: { path: string }[] }>(
      'POST',
      '/v1/drafts/publish',
      {
        body: { cells: [blocked.cell], overrides: [{ cell: 'no|such|cell', reason }] },
      },
    );
    expect([stray.status, stray.body.fields.map((f) => f.path)]).toEqual([
      400,
      ['overrides.0.cell'],
    ]);
  });

  it('answers a recruiter alike for a suppressed cell and an empty one, on every route', async () => {
    // A withheld cell with a few records of its own, and a cell of the same role, level and
    // currency without any: withheld with none, or without a draft at all.
    const reviews = await all<{ change: string; draft: Draft }>('/v1/drafts');
    const byKey = new Map(reviews.map((r) => [r.draft.key, r.draft]));
    const withheld = reviews.filter((r) => r.change === 'withheld').map((r) => r.draft);
    const pairs = withheld
      .filter((d) => d.review.n > 0)
      .flatMap((suppressed) =>
        [...zones.values()]
          .filter((z) => z.currency === zones.get(suppressed.zone)!.currency)
          .map((z) => `${suppressed.role}|${suppressed.level}|${z.code}`)
          .filter((key) => !byKey.has(key) || byKey.get(key)!.review.n === 0)
          .map((key) => ({ suppressed, empty: key.split('|') })),
      );
    expect(pairs.length).toBeGreaterThan(0);
    const [{ suppressed, empty }] = pairs;
    process.stderr.write(
      `privacy: ${suppressed.key} (n = ${suppressed.review.n}) vs ${empty.join('|')}\n`,
    );
    expect(suppressed.basis).toBe('suppressed');

    offers = await h.startService('offers', { OFFERS_CONSUMER_GROUP: `${h.namespace}offers` });
    await h.consumerDrained('offers', Topic.Bands, offers);
    const view = (role: string, level: string, zone: string) =>
      recruiterView(h.bands!, offers!, { role, level, zone: zones.get(zone)! });
    const answers = await view(suppressed.role, suppressed.level, suppressed.zone);
    expect(answers).toEqual(await view(empty[0], empty[1], empty[2]));
    expect(answers.map(([status]) => status)).toEqual([404, 404, 200, 200, 404, 200]);
    expect(JSON.parse(answers[5][1])).toMatchObject({ verdict: 'NO_BAND', publishedVersion: null });
  });
});
