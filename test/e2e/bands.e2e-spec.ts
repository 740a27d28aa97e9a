import {
  Topic,
  cellKey,
  type BandV1,
  type DatapointV1,
  type ObservationRejectionV1,
} from '@rangefinder/contracts';
import { currencyDecimals } from '@rangefinder/comp-math';
import { Role } from '@rangefinder/platform';
import { asMessage, realDatapoints } from '../support/datapoints';
import { IngestHarness } from '../support/ingest-harness';
import { waitFor } from '../support/ingest-process';
import { tokenFor } from '../support/tokens';

type Percentiles = Record<'p10' | 'p25' | 'p50' | 'p75' | 'p90', number | null>;

interface Draft {
  key: string;
  currency: string;
  basis: string;
  percentiles: Percentiles;
  min: number | null;
  max: number | null;
  sample: { n: number | null };
  review: { n: number; percentiles: Percentiles | null };
}

interface DraftReview {
  change: string;
  draft: Draft;
}

interface DraftPage {
  observations: number;
  total: number;
  items: DraftReview[];
}

interface PublishedView {
  version: number;
  effectiveFrom: string;
  min: number | null;
  max: number | null;
  percentiles: Percentiles;
  basis: string;
  sample: { n: number | null };
}

const EFFECTIVE = '2025-01-19';
// No ai-jobs row maps to this role and level, so the tests below own its cells.
const ROLE = 'qa-engineer';
const LEVEL = 'IC6';
const SF = { country: 'US', region: 'CA', city: 'San Francisco' };
const SF_CELL = { role: ROLE, level: LEVEL, zone: 'US-A' };

/** A datapoint of the test's own cell, base chosen by the test, inside the policy window. */
function ownDatapoint(id: string, base: number, companyId?: string): DatapointV1 {
  return {
    schema: 'comp.datapoint.v1',
    source: 'e2e-bands',
    sourceRecordId: id,
    observedAt: '2024-09-01',
    role: ROLE,
    level: LEVEL,
    location: SF,
    employmentType: 'FT',
    currency: 'USD',
    base,
    ...(companyId ? { companyId } : {}),
  };
}

describe('bands: observations to drafts, publication and queries on the real broker', () => {
  const h = new IngestHarness('bands');
  const analyst = tokenFor(Role.CompAnalyst);
  const recruiter = tokenFor(Role.Recruiter);

  const draftOf = async (cell: { role: string; level: string; zone: string }) => {
    const { status, body } = await h.bands!.call<DraftReview>(
      'GET',
      `/v1/drafts/${cell.role}/${cell.level}/${cell.zone}`,
    );
    return status === 200 ? body.draft : undefined;
  };

  const untilDraft = (what: string, holds: (d: Draft | undefined) => boolean) =>
    waitFor(what, async () => holds(await draftOf(SF_CELL)), 60_000, 100);

  const bandAnswer = (location: string, asOf?: string, token = recruiter) =>
    h.bands!.call<{ band: PublishedView; message: string }>(
      'GET',
      `/v1/bands?role=${ROLE}&level=${LEVEL}&location=${encodeURIComponent(location)}${asOf ? `&asOf=${asOf}` : ''}`,
      { token },
    );

  beforeAll(async () => {
    await h.setUp();
    await h.startIngest();
    await h.startBands();
    // Aging off, the window around the data's snapshot: the oracle compares raw bases.
    const policy = await h.changeBandPolicy({
      effectiveDate: EFFECTIVE,
      aging: { defaultRate: 0, byFamily: {} },
    });
    expect(policy).toBe(201);
    await h.produce(realDatapoints(74_301, 'ai-jobs').map(asMessage));
    await h.drained(300_000);
    await h.bandsDrained();
  });
  afterAll(() => h.tearDown());

  it('matches PostgreSQL percentile_cont on every cell of the real data (aging off)', async () => {
    const [{ n }] = await h.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ingest.observations WHERE source = 'ai-jobs'`,
    );
    await waitFor(
      'bands to hold every observation',
      async () =>
        (await h.bands!.call<DraftPage>('GET', '/v1/drafts?pageSize=1')).body.observations === n,
      60_000,
    );
    // The oracle reads ingest's table, not the bands service's copy, with the policy's window.
    const oracle = await h.query<{ cell: string; n: number; p: number[] }>(
      `SELECT role || '|' || level || '|' || zone AS cell, count(*)::int AS n,
              percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY base::float8) AS p
         FROM ingest.observations
        WHERE employment_type = 'FT' AND observed_at BETWEEN '2023-01-19' AND $1
        GROUP BY 1`,
      [EFFECTIVE],
    );
    expect(oracle.length).toBeGreaterThan(100);
    const drafts = new Map<string, Draft>();
    for (let page = 1; ; page++) {
      const { body } = await h.bands!.call<DraftPage>(
        'GET',
        `/v1/drafts?pageSize=500&page=${page}`,
      );
      for (const item of body.items) drafts.set(item.draft.key, item.draft);
      if (body.items.length < 500) break;
    }
    const mismatches: string[] = [];
    for (const row of oracle) {
      const review = drafts.get(row.cell)?.review;
      // Published figures are rounded to the currency's minor unit (whole yen, cents…).
      const halfUnit = 0.5 * 10 ** -currencyDecimals(drafts.get(row.cell)?.currency ?? 'USD');
      const actual = review?.percentiles && Object.values(review.percentiles);
      if (
        review?.n !== row.n ||
        !actual?.every((v, i) => Math.abs(v! - row.p[i]) <= halfUnit + 1e-6)
      ) {
        mismatches.push(
          `${row.cell}: oracle n=${row.n} ${String(row.p)} vs ${review?.n} ${String(actual)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('suppresses a cell at 4 observations, publishes it at 5, and P10/P90 only from 10', async () => {
    await h.produce([1, 2, 3, 4].map((i) => asMessage(ownDatapoint(`s${i}`, 100_000 + i * 1000))));
    await untilDraft('4 observations in the cell', (d) => d?.review.n === 4);
    const four = (await draftOf(SF_CELL))!;
    expect(four.basis).toBe('suppressed');
    expect([four.min, four.max, ...Object.values(four.percentiles)]).toEqual(Array(7).fill(null));

    await h.produce([asMessage(ownDatapoint('s5', 105_000))]);
    await untilDraft('5 observations', (d) => d?.review.n === 5);
    const five = (await draftOf(SF_CELL))!;
    expect(five.basis).toBe('market');
    expect(five.percentiles).toEqual({
      p10: null,
      p25: 102_000,
      p50: 103_000,
      p75: 104_000,
      p90: null,
    });

    await h.produce([6, 7, 8, 9].map((i) => asMessage(ownDatapoint(`s${i}`, 100_000 + i * 1000))));
    await untilDraft('9 observations', (d) => d?.review.n === 9);
    expect((await draftOf(SF_CELL))!.percentiles.p90).toBeNull();
    await h.produce([asMessage(ownDatapoint('s10', 110_000))]);
    await untilDraft('10 observations', (d) => d?.review.n === 10);
    const ten = (await draftOf(SF_CELL))!;
    expect(ten.percentiles.p10).toBe(101_900);
    expect(ten.percentiles.p90).toBe(109_100);
  });

  it('follows corrections and erasures into the band', async () => {
    const before = (await draftOf(SF_CELL))!;
    await h.produce([asMessage(ownDatapoint('s10', 150_000))]);
    await untilDraft('the correction', (d) => d?.percentiles.p90 !== before.percentiles.p90);
    const corrected = (await draftOf(SF_CELL))!;
    expect(corrected.review.n).toBe(10);
    expect(corrected.percentiles.p90).toBe(113_100);

    await h.produce([{ key: 'e2e-bands:s10', value: null }]);
    await untilDraft('the erasure', (d) => d?.review.n === 9);
    expect((await draftOf(SF_CELL))!.percentiles.p90).toBeNull();
  });

  it('gives identical drafts after a full rebuild from the store', async () => {
    const snapshot = async () => {
      const all: DraftReview[] = [];
      for (let page = 1; ; page++) {
        const { body } = await h.bands!.call<DraftPage>(
          'GET',
          `/v1/drafts?pageSize=500&page=${page}`,
        );
        all.push(...body.items);
        if (body.items.length < 500) return all;
      }
    };
    const incremental = await snapshot();
    const rebuilt = await h.bands!.call<{ observations: number; cells: number }>(
      'POST',
      '/v1/drafts/rebuild',
    );
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.cells).toBe(incremental.length);
    expect(await snapshot()).toEqual(incremental);
  });

  it('publishes versions with effective dates, answers asOf, and emits comp.bands.v1', async () => {
    const cell = cellKey(SF_CELL);
    // The test's IC6 pays less than the real data's lower levels (a ladder-order flag): published
    // under an override, as a comp analyst would after review.
    const overrides = [{ cell, reason: 'e2e: test cell below the real lower levels' }];
    const first = await h.bands!.call<{ published: { cell: string; version: number }[] }>(
      'POST',
      '/v1/drafts/publish',
      { body: { cells: [cell], effectiveFrom: '2025-01-01', overrides } },
    );
    expect(first.status).toBe(200);
    expect(first.body.published).toEqual([{ cell, version: 1 }]);
    await h.produce([asMessage(ownDatapoint('s10', 120_000))]);
    await untilDraft('the tenth observation again', (d) => d?.review.n === 10);
    const second = await h.bands!.call<{ published: { version: number }[] }>(
      'POST',
      '/v1/drafts/publish',
      {
        body: {
          filter: { role: ROLE, level: LEVEL, zone: 'US-A' },
          effectiveFrom: '2025-06-01',
          overrides,
        },
      },
    );
    expect(second.body.published).toEqual([{ cell, version: 2 }]);
    const again = await h.bands!.call<{ published: unknown[]; unchanged: number }>(
      'POST',
      '/v1/drafts/publish',
      { body: { cells: [cell], overrides } },
    );
    expect(again.body).toMatchObject({ published: [], unchanged: 1 });

    const march = await bandAnswer('US-CA-San Francisco', '2025-03-01');
    expect(march.status).toBe(200);
    expect(march.body.band).toMatchObject({ version: 1, effectiveFrom: '2025-01-01' });
    expect(march.body.band.percentiles.p90).toBeNull();
    const july = await bandAnswer('US-CA-San Francisco', '2025-07-01');
    expect(july.body.band).toMatchObject({ version: 2, effectiveFrom: '2025-06-01' });
    expect(july.body.band.percentiles.p90).toBe(110_100);
    expect((await bandAnswer('US-CA-San Francisco', '2024-12-31')).status).toBe(404);

    const events = await waitFor(
      'both versions on comp.bands.v1',
      async () => {
        const records = (await h.readTopic(Topic.Bands)).filter((r) => r.key === cell);
        return records.length === 2 ? records : false;
      },
      60_000,
    );
    const values = events.map((r) => JSON.parse(r.value!) as BandV1);
    expect(values.map((v) => [v.schema, v.version, v.effectiveFrom])).toEqual([
      ['comp.band.v1', 1, '2025-01-01'],
      ['comp.band.v1', 2, '2025-06-01'],
    ]);
    expect(values[0].percentiles.p90).toBeNull();
    expect(values[1]).toMatchObject({ role: ROLE, level: LEVEL, zone: 'US-A', currency: 'USD' });
  });

  it('withdraws a band whose cell is suppressed now, and answers as for a cell without data', async () => {
    // Down to 4 observations: the draft is suppressed; publishing it withdraws the band in force.
    for (const id of ['s10', 's9', 's8', 's7', 's6', 's5'])
      await h.produce([{ key: `e2e-bands:${id}`, value: null }]);
    await untilDraft('4 observations again', (d) => d?.review.n === 4);
    const raw = (await draftOf(SF_CELL))!.review.percentiles!;
    expect(raw.p50).toBe(102_500);
    const withdrawn = await h.bands!.call<{ published: { version: number }[] }>(
      'POST',
      '/v1/drafts/publish',
      { body: { cells: [cellKey(SF_CELL)], effectiveFrom: '2025-07-01' } },
    );
    expect(withdrawn.body.published).toHaveLength(1);

    const secret = Object.values(raw).map(String);
    const leaks = (text: string) => secret.filter((figure) => text.includes(figure));
    // The same answer, but for the zone's name, as a zone of a country without any record.
    const notFound = async (location: string, asOf?: string, token = recruiter) => {
      const answer = await bandAnswer(location, asOf, token);
      expect(answer.status).toBe(404);
      return answer.text.replace(/zone [A-Z][\w-]*/g, 'zone Z');
    };
    for (const token of [recruiter, tokenFor(Role.CompLead), tokenFor(Role.Finance)]) {
      expect(await notFound('US-CA-San Francisco', undefined, token)).toBe(
        await notFound('GB', undefined, token),
      );
      // Before the withdrawal the band published from 10 observations still applies.
      expect((await bandAnswer('US-CA-San Francisco', '2025-06-30', token)).status).toBe(200);
      const list = await h.bands!.call<{ items: PublishedView[] }>(
        'GET',
        `/v1/bands?role=${ROLE}&level=${LEVEL}&pageSize=500`,
        { token },
      );
      expect(list.body.items).toEqual([]);
      const csv = await h.bands!.call('GET', `/v1/bands/export.csv?role=${ROLE}`, { token });
      expect(csv.status).toBe(200);
      expect(csv.text).not.toContain(LEVEL);
      const history = await h.bands!.call<PublishedView[]>(
        'GET',
        `/v1/bands/${ROLE}/${LEVEL}/US-A/history`,
        { token },
      );
      expect(history.status).toBe(200);
      // Earlier versions were published from 5 and 10 observations: those figures were public.
      // The withdrawal holds nothing of the 4 records, not even their number.
      expect(history.body.at(-1)).toMatchObject({
        basis: 'withdrawn',
        min: null,
        sample: { n: null },
      });
      expect(leaks(JSON.stringify(history.body.at(-1)))).toEqual([]);
      for (const path of [`/v1/drafts/${ROLE}/${LEVEL}/US-A`, '/v1/drafts']) {
        expect((await h.bands!.call('GET', path, { token })).status).toBe(403);
      }
    }
    // A suppressed cell never published is withheld: publishing stores nothing for it.
    expect((await draftOf({ ...SF_CELL, zone: 'US-B' }))?.basis).toBe('suppressed');
    const again = await h.bands!.call<{ published: unknown[]; withheld: number }>(
      'POST',
      '/v1/drafts/publish',
      { body: { cells: [cellKey({ ...SF_CELL, zone: 'US-B' })] } },
    );
    expect([again.body.published, again.body.withheld]).toEqual([[], 1]);
    expect(await notFound('US-B')).toBe(await notFound('GB'));
  });

  it('answers a location with its zone, and names a field it cannot resolve', async () => {
    // Before the withdrawal above, the test cell's band applies.
    const zoneCode = await bandAnswer('US-A', '2025-06-30');
    expect(zoneCode.status).toBe(200);
    const bad = await h.bands!.call<{ fields: { path: string; problem: string }[] }>(
      'GET',
      `/v1/bands?role=${ROLE}&level=IC99&location=US-ZZ-Nowhere`,
      { token: recruiter },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      { path: 'level', problem: `"IC99" is not a level of ${ROLE}'s ladder` },
      { path: 'location', problem: 'unknown region "ZZ" in US' },
    ]);
  });

  it('reports shape and catalogue problems of a query or a configuration write in one answer', async () => {
    const fields = (answer: { body: unknown }) => [
      ...new Set((answer.body as { fields?: { path: string }[] }).fields?.map((f) => f.path)),
    ];
    const query = await h.bands!.call<{ fields: { path: string }[] }>(
      'GET',
      '/v1/bands?role=x&level=IC4&location=Atlantis&pageSize=0',
      { token: recruiter },
    );
    expect([query.status, fields(query)]).toEqual([400, ['pageSize', 'role', 'location']]);
    const partial = await h.bands!.call('GET', '/v1/bands?location=Atlantis&asOf=2025-02-30', {
      token: recruiter,
    });
    expect(fields(partial)).toEqual(['asOf', 'role', 'level', 'location']);

    const structure = await h.bands!.call('POST', '/v1/structures', {
      body: {
        roles: ['no-such-role'],
        currency: 'usd',
        rounding: 'nearest-1000',
        levels: [
          { level: 'IC5', min: 'x', mid: 1, max: 2 },
          { level: 'IC5', min: 3, mid: 2, max: 1 },
        ],
      },
    });
    expect([structure.status, fields(structure)]).toEqual([
      400,
      ['name', 'currency', 'levels.0.min', 'roles.0', 'levels.1'],
    ]);

    const row = { level: 'IC4', occupationCode: '1', occupationTitle: 'x', p50: 1 };
    const survey = await h.bands!.call('POST', '/v1/surveys', {
      body: {
        source: 'e2e-bad-survey',
        title: 'bad',
        country: 'XQ',
        currency: 'USD',
        referenceDate: EFFECTIVE,
        weight: 0,
        rows: [{ ...row, role: 'no-such-role', n: 0, p10: null, p25: null, p75: null, p90: null }],
      },
    });
    expect([survey.status, fields(survey)]).toEqual([
      400,
      ['weight', 'rows.0.n', 'country', 'rows.0.role'],
    ]);

    const stored = await h.bands!.call<{ version: number; body: Record<string, unknown> }>(
      'GET',
      '/v1/policies/current',
    );
    const current = stored.body.body;
    const { suppression: _dropped, ...withoutSuppression } = current;
    const policy = await h.bands!.call('POST', '/v1/policies', {
      body: {
        ...withoutSuppression,
        windowMonths: 0,
        aging: { defaultRate: 0, byFamily: { 'no-such-family': 0.01 } },
        edges: {
          ...(current.edges as object),
          executive: { min: 'p90', mid: 'p50', max: 'p75', openEnded: true },
        },
      },
    });
    expect([policy.status, fields(policy)]).toEqual([
      400,
      ['windowMonths', 'suppression', 'edges.executive', 'aging.byFamily.no-such-family'],
    ]);
    // Nothing of the refused policy was stored.
    const after = await h.bands!.call<{ version: number }>('GET', '/v1/policies/current');
    expect(after.body.version).toBe(stored.body.version);
  });

  it('enforces roles: 401 without a token, 403 below comp analyst for review and policy', async () => {
    expect((await h.bands!.call('GET', '/v1/bands', { token: null })).status).toBe(401);
    expect((await h.bands!.call('GET', '/v1/bands', { token: 'not-a-token' })).status).toBe(401);
    for (const [method, path] of [
      ['POST', '/v1/drafts/publish'],
      ['POST', '/v1/policies'],
      ['GET', '/v1/policies'],
      ['GET', '/v1/zones'],
      ['GET', '/v1/job-architecture'],
      ['POST', '/v1/structures'],
      ['POST', '/v1/surveys'],
    ] as const) {
      const body = method === 'POST' ? {} : undefined;
      expect((await h.bands!.call(method, path, { token: recruiter, body })).status).toBe(403);
    }
    expect((await h.bands!.call('GET', '/v1/zones', { token: analyst })).status).toBe(200);
  });

  it('blends a survey table and derives zone ranges from a structure', async () => {
    // Survey: an occupation mapped to a cell with records (blended) and to one without (alone).
    const survey = await h.bands!.call('POST', '/v1/surveys', {
      body: {
        source: 'e2e-survey',
        title: 'E2E survey',
        country: 'US',
        currency: 'USD',
        referenceDate: EFFECTIVE,
        weight: 1,
        rows: [
          {
            role: 'data-scientist',
            level: 'IC4',
            occupationCode: '15-2051',
            occupationTitle: 'Data Scientists',
            n: 1000,
            p10: 90_000,
            p25: 110_000,
            p50: 130_000,
            p75: 150_000,
            p90: 170_000,
          },
        ],
      },
    });
    expect(survey.status).toBe(201);
    const usB = await draftOf({ role: 'data-scientist', level: 'IC4', zone: 'US' });
    expect(usB?.basis).toBe('blended');
    // Aging is off and the survey is national (the US catch-all): P50 = Z·records + (1 − Z)·survey
    // with the default credibility Z = n / (n + 30).
    const z = usB!.sample.n! / (usB!.sample.n! + 30);
    expect(usB!.percentiles.p50).toBeCloseTo(
      z * usB!.review.percentiles!.p50! + (1 - z) * 130_000,
      1,
    );

    const structure = await h.bands!.call<{ id: number }>('POST', '/v1/structures', {
      body: {
        name: 'E2E structure',
        roles: [ROLE],
        currency: 'USD',
        rounding: 'nearest-1000',
        payCap: 150_000,
        levels: [{ level: 'IC5', min: 100_000, mid: 125_000, max: 160_000 }],
      },
    });
    expect(structure.status).toBe(201);
    const anchor = await draftOf({ role: ROLE, level: 'IC5', zone: 'US-A' });
    const usC = await draftOf({ role: ROLE, level: 'IC5', zone: 'US-C' });
    expect(anchor).toMatchObject({ basis: 'structure', min: 100_000, mid: 125_000, max: 150_000 });
    expect(usC).toMatchObject({ basis: 'structure', min: 80_000, mid: 100_000, max: 128_000 });
    const bad = await h.bands!.call<{ fields: { path: string }[] }>('POST', '/v1/structures', {
      body: {
        name: 'bad',
        roles: ['no-such-role'],
        currency: 'USD',
        rounding: 'nearest-1000',
        levels: [{ level: 'IC5', min: 200_000, mid: 125_000, max: 160_000 }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.path)).toEqual(['roles.0', 'levels.0']);
    for (const id of ['2147483648', '0', 'abc', '1.5']) {
      const refused = await h.bands!.call<{ fields: { path: string }[] }>(
        'DELETE',
        `/v1/structures/${id}`,
      );
      expect([id, refused.status, refused.body.fields?.[0]?.path]).toEqual([id, 400, 'id']);
    }
    expect((await h.bands!.call('DELETE', `/v1/structures/${structure.body.id}`)).status).toBe(200);
    expect(await draftOf({ role: ROLE, level: 'IC5', zone: 'US-A' })).toBeUndefined();
  });

  it('dead-letters an unreadable hand-off message with its reason', async () => {
    await h.produce(
      [{ key: 'x:1', value: '{"schema":"comp.observation.v1","key":"x:1"}' }],
      1,
      Topic.Observations,
    );
    const dead = await waitFor(
      'the dead letter',
      async () => {
        const records = await h.readTopic(Topic.ObservationsDlq);
        return records.length > 0 ? records : false;
      },
      60_000,
    );
    const letter = JSON.parse(dead[0].value!) as ObservationRejectionV1;
    expect(letter.schema).toBe('comp.observation-rejection.v1');
    expect(letter.original).toMatchObject({ key: 'x:1' });
    expect(letter.reason.fields.map((f) => f.path)).toContain('base');
  });
});
