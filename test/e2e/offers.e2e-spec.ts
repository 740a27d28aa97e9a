import { execFileSync } from 'node:child_process';
import Decimal from 'decimal.js';
import { Topic, type DatapointV1, type OfferDecisionV1 } from '@rangefinder/contracts';
import { AuthEnv, Role, issueToken, loadConfig } from '@rangefinder/platform';
import { asMessage } from '../support/datapoints';
import { IngestHarness } from '../support/ingest-harness';
import { ServiceProcess, waitFor } from '../support/ingest-process';
import { tokenFor } from '../support/tokens';

// No ai-jobs row maps to these: the tests own the cells and decide their bands.
const ROLE = 'qa-engineer';
const LEVEL = 'IC6';
const LOCATION = 'US-CA-San Francisco';

interface Check {
  verdict: string;
  requiredApprovals: string[];
  band: { version: number; min: number; mid: number; max: number } | null;
  pay: { base: number; totalComp: number; currency: string };
  compaRatio: number | null;
  rangePenetration: number | null;
  marketPosition: { display: string } | null;
  reasons: string[];
  location?: { zone: string };
}

interface Offer {
  id: string;
  status: string;
  check: Check;
  approvals: { round: number; pending: string[] };
  audit: { action: string; bandVersion: number | null }[];
}

const token = (role: Role, subject = `e2e-${role}`) =>
  issueToken({ subject, role }, loadConfig(AuthEnv));

function datapoint(id: string, base: number, level = LEVEL): DatapointV1 {
  return {
    schema: 'comp.datapoint.v1',
    source: 'e2e-offers',
    sourceRecordId: id,
    observedAt: '2026-06-01',
    role: ROLE,
    level,
    location: { country: 'US', region: 'CA', city: 'San Francisco' },
    employmentType: 'FT',
    currency: 'USD',
    base,
  };
}

describe('offers: checks, approvals and decision events against bands published for real', () => {
  const h = new IngestHarness('offers');
  let offers: ServiceProcess;
  const recruiter = tokenFor(Role.Recruiter);

  const check = (body: Record<string, unknown>, bearer = recruiter) =>
    offers.call<Check & { fields?: { path: string; problem: string }[] }>(
      'POST',
      '/v1/offer-checks',
      {
        token: bearer,
        body: { role: ROLE, level: LEVEL, location: LOCATION, currency: 'USD', ...body },
      },
    );

  const submit = (body: Record<string, unknown>, bearer = recruiter, key?: string) =>
    offers.call<Offer>('POST', '/v1/offers', {
      token: bearer,
      body: {
        role: ROLE,
        level: LEVEL,
        location: LOCATION,
        currency: 'USD',
        requisitionId: 'REQ-1',
        ...body,
      },
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

  const decide = (id: string, role: Role, decision: 'approve' | 'reject', subject?: string) =>
    offers.call<Offer>('POST', `/v1/offers/${id}/decisions`, {
      token: token(role, subject),
      body: { decision, comment: `${decision} by ${role}` },
    });

  /** The decision topic as finance reads it: every event, by an independent client (kcat). */
  const offerTopic = () =>
    execFileSync(
      'kcat',
      ['-C', '-b', h.brokers, '-t', h.topic(Topic.Offers), '-o', 'beginning', '-e', '-q'],
      { encoding: 'utf8' },
    );

  /** Publishes the drafted band of the test cell through the bands service; returns its version. */
  async function publishBand(bases: number[], prefix: string): Promise<number> {
    await h.produce(bases.map((base, i) => asMessage(datapoint(`${prefix}${i}`, base))));
    await waitFor(
      'the draft to hold the new observations',
      async () => {
        const { body } = await h.bands!.call<{ draft: { review: { n: number } } }>(
          'GET',
          `/v1/drafts/${ROLE}/${LEVEL}/US-A`,
        );
        return body.draft?.review.n === bases.length;
      },
      60_000,
      100,
    );
    const { body } = await h.bands!.call<{ published: { version: number }[] }>(
      'POST',
      '/v1/drafts/publish',
      { body: { cells: [`${ROLE}|${LEVEL}|US-A`], effectiveFrom: '2026-01-01' } },
    );
    return body.published[0].version;
  }

  beforeAll(async () => {
    await h.setUp();
    await h.startIngest();
    await h.startBands();
    // Aging off: the bands below are exactly the percentiles of the observations.
    expect(await h.changeBandPolicy({ aging: { defaultRate: 0, byFamily: {} } })).toBe(201);
    offers = await h.startService('offers', {
      OFFERS_CONSUMER_GROUP: `${h.namespace}offers`,
    });
  });
  afterAll(async () => {
    await offers?.stop();
    await h.tearDown();
  });

  it('uses a band within a second of its publication, and says NO_BAND before it', async () => {
    const before = await check({ base: 105_000 });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      verdict: 'NO_BAND',
      requiredApprovals: ['comp-analyst'],
      band: null,
    });

    // 10 observations 100k…190k: P25 122,500, P50 145,000, P75 167,500 (type 7).
    const version = await publishBand(
      [100, 110, 120, 130, 140, 150, 160, 170, 180, 190].map((k) => k * 1000),
      'a',
    );
    const published = Date.now();
    await waitFor(
      'the offers service to use the new band',
      async () => (await check({ base: 145_000 })).body.band?.version === version,
      10_000,
      20,
    );
    const lag = Date.now() - published;
    process.stderr.write(`offers: published band used by checks after ${lag} ms\n`);
    expect(lag).toBeLessThan(1000);

    const within = (await check({ base: 145_000, bonus: 10_000, equity: 20_000 })).body;
    expect(within).toMatchObject({
      verdict: 'WITHIN_BAND',
      requiredApprovals: [],
      band: { min: 122_500, mid: 145_000, max: 167_500 },
      pay: { base: 145_000, totalComp: 175_000, currency: 'USD' },
      compaRatio: 1,
      rangePenetration: 0.5,
      marketPosition: { display: '50' },
    });
    expect(within.reasons[0]).toMatch(/^Base \$145k is within the .* band \$123k–\$168k/);
  });

  it('gives every verdict of the policy at its edges', async () => {
    const verdicts = async (base: number) => (await check({ base })).body;
    expect((await verdicts(122_500)).verdict).toBe('WITHIN_BAND');
    expect((await verdicts(167_500)).verdict).toBe('WITHIN_BAND');
    expect(await verdicts(122_499.99)).toMatchObject({
      verdict: 'BELOW_BAND',
      requiredApprovals: ['comp-lead'],
    });
    expect(await verdicts(184_250)).toMatchObject({
      verdict: 'ABOVE_BAND',
      requiredApprovals: ['comp-lead'],
    });
    expect(await verdicts(184_250.01)).toMatchObject({
      verdict: 'FAR_ABOVE_BAND',
      requiredApprovals: ['comp-lead', 'finance'],
    });
    const monthly = (await check({ base: 12_000, period: 'month' })).body;
    expect(monthly.pay.base).toBe(144_000);
  });

  it('names every field a check or a submission cannot use in one answer, shape and catalogue', async () => {
    const fields = (answer: { body: unknown }) => [
      ...new Set((answer.body as { fields?: { path: string }[] }).fields?.map((f) => f.path)),
    ];
    const bad = await check({ location: 'US-ZZ-Nowhere', level: 'IC99', base: -1 });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['base', 'level', 'location']);
    expect(fields(await check({ role: 'x', base: 'abc' }))).toEqual(['base', 'role']);
    expect(fields(await check({ role: 'x', location: 'Atlantis', base: 100_000 }))).toEqual([
      'role',
      'location',
    ]);
    // A field refused for its shape is not checked against the catalogue as well.
    const mixed = await check({ role: 7, location: 'Atlantis', currency: 'XQQ', base: 1e13 });
    expect(fields(mixed)).toEqual(['role', 'base', 'location', 'currency']);
    const submission = await offers.call<{ fields: { path: string }[] }>('POST', '/v1/offers', {
      token: recruiter,
      body: { role: 'x', level: LEVEL, location: 'Atlantis', currency: 'USD', base: 'abc' },
    });
    expect([submission.status, fields(submission).sort()]).toEqual([
      400,
      ['base', 'location', 'requisitionId', 'role'],
    ]);
    const unresolved = await check({ location: 'XQ', base: 100_000 });
    expect(unresolved.status).toBe(400);
    expect(unresolved.body.fields).toEqual([
      { path: 'location', problem: 'no pay zone covers country "XQ"' },
    ]);
  });

  it('answers a body that is not JSON, or poisons prototypes, with a 400 naming the body', async () => {
    for (const [raw, problem] of [
      ['{"role":', /^is not valid JSON/],
      ["{'role': 'x'}", /^is not valid JSON/],
      ['{"base": NaN}', /^is not valid JSON/],
      ['{"role": "a",}', /^is not valid JSON/],
      ['{"__proto__": {"admin": true}, "base": 1}', /forbidden prototype/],
      ['{"constructor": {"prototype": {"admin": true}}}', /forbidden prototype/],
    ] as const) {
      for (const token of [recruiter, null]) {
        const response = await fetch(`${offers.url}/v1/offer-checks`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: raw,
        });
        const body = (await response.json()) as { fields: { path: string; problem: string }[] };
        expect([raw, response.status]).toEqual([raw, 400]);
        expect(body.fields).toHaveLength(1);
        expect(body.fields[0].path).toBe('body');
        expect(body.fields[0].problem).toMatch(problem);
      }
    }
  });

  it('checks an offer id at the route, before any query', async () => {
    for (const id of ['a%00b', 'a%20b', 'x'.repeat(129)]) {
      const refused = await offers.call<{ fields: { path: string }[] }>('GET', `/v1/offers/${id}`);
      expect([id, refused.status, refused.body.fields?.[0]?.path]).toEqual([id, 400, 'id']);
    }
    expect((await offers.call('GET', '/v1/offers/no-such-offer')).status).toBe(404);
  });

  it('runs every verdict path through the workflow, with one event per status change', async () => {
    // WITHIN: auto-approved at once; idempotent on the ATS id, 409 on different terms.
    const auto = await submit({ offerId: 'o-within', base: 150_000 });
    expect(auto.status).toBe(201);
    expect(auto.body.status).toBe('auto-approved');
    const replay = await submit({ offerId: 'o-within', base: 150_000 });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe('o-within');
    expect((await submit({ offerId: 'o-within', base: 151_000 })).status).toBe(409);
    // Idempotency-Key without an ATS id.
    const keyed = await submit({ requisitionId: 'REQ-2', base: 130_000 }, recruiter, 'key-1');
    const keyedAgain = await submit({ requisitionId: 'REQ-2', base: 130_000 }, recruiter, 'key-1');
    expect([keyed.status, keyedAgain.status]).toEqual([201, 200]);
    expect(keyedAgain.body.id).toBe(keyed.body.id);

    // BELOW: comp-lead approves; the recruiter cannot, nor can the submitter under another role.
    const below = (await submit({ offerId: 'o-below', base: 110_000 })).body;
    expect(below).toMatchObject({
      status: 'pending-approval',
      approvals: { pending: ['comp-lead'] },
    });
    expect((await decide('o-below', Role.Recruiter, 'approve')).status).toBe(403);
    expect((await decide('o-below', Role.Finance, 'approve')).status).toBe(403);
    expect((await decide('o-below', Role.CompLead, 'approve', 'e2e-recruiter')).status).toBe(403);
    const approved = await decide('o-below', Role.CompLead, 'approve');
    expect(approved.body.status).toBe('approved');
    expect((await decide('o-below', Role.CompLead, 'approve')).status).toBe(409);

    // FAR_ABOVE: both comp-lead and finance.
    await submit({ offerId: 'o-far', base: 200_000 });
    expect((await decide('o-far', Role.CompLead, 'approve')).body.status).toBe('pending-approval');
    expect((await decide('o-far', Role.Finance, 'approve')).body.status).toBe('approved');

    // ABOVE: comp-lead rejects.
    await submit({ offerId: 'o-above', base: 175_000 });
    expect((await decide('o-above', Role.CompLead, 'reject')).body.status).toBe('rejected');

    // NO_BAND: a comp analyst decides.
    const noBand = (await submit({ offerId: 'o-noband', level: 'IC5', base: 150_000 })).body;
    expect(noBand.check.verdict).toBe('NO_BAND');
    expect((await decide('o-noband', Role.CompAnalyst, 'approve')).body.status).toBe('approved');

    const events = await waitFor(
      'the decision events',
      async () => {
        const records = (await h.readTopic(Topic.Offers)).map(
          (r) => JSON.parse(r.value!) as OfferDecisionV1,
        );
        return records.length >= 10 ? records : false;
      },
      60_000,
    );
    const statuses = (id: string) => events.filter((e) => e.offerId === id).map((e) => e.status);
    expect(statuses('o-within')).toEqual(['auto-approved']);
    expect(statuses('o-below')).toEqual(['pending-approval', 'approved']);
    expect(statuses('o-far')).toEqual(['pending-approval', 'approved']);
    expect(statuses('o-above')).toEqual(['pending-approval', 'rejected']);
    expect(statuses('o-noband')).toEqual(['pending-approval', 'approved']);
    const far = events.filter((e) => e.offerId === 'o-far').at(-1)!;
    expect(far).toMatchObject({
      schema: 'comp.offer-decision.v1',
      zone: 'US-A',
      currency: 'USD',
      base: 200_000,
      annualizedTotal: 200_000,
      annualizedTotalUsd: 200_000,
      fx: { rate: 1 },
      band: { min: 122_500, mid: 145_000, max: 167_500, openEnded: false },
      verdict: 'FAR_ABOVE_BAND',
      costVsMid: 55_000,
      costVsMidUsd: 55_000,
    });
    expect(far.approvals.map((a) => [a.role, a.decision])).toEqual([
      ['comp-lead', 'approve'],
      ['finance', 'approve'],
    ]);
  });

  it('shows a recruiter only the offers they submitted; approvers and analysts see all', async () => {
    const ids = async (bearer: string) =>
      (await offers.call<{ id: string }[]>('GET', '/v1/offers', { token: bearer })).body.map(
        (o) => o.id,
      );
    const mine = await ids(recruiter);
    expect(mine).toEqual(expect.arrayContaining(['o-within', 'o-below', 'o-far']));
    const other = token(Role.Recruiter, 'e2e-other-recruiter');
    expect(await ids(other)).toEqual([]);
    const hidden = await offers.call<{ message: string }>('GET', '/v1/offers/o-within', {
      token: other,
    });
    const missing = await offers.call<{ message: string }>('GET', '/v1/offers/o-nothing', {
      token: other,
    });
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body.message).toBe(missing.body.message.replace('o-nothing', 'o-within'));
    expect((await offers.call('GET', '/v1/offers/o-within', { token: recruiter })).status).toBe(
      200,
    );
    for (const role of [Role.CompLead, Role.Finance, Role.CompAnalyst]) {
      expect(await ids(token(role))).toEqual(mine);
    }
  });

  it('re-checks a waiting offer on a new band and restarts its approvals when the verdict changes', async () => {
    const waiting = (await submit({ offerId: 'o-recheck', base: 180_000 })).body;
    expect(waiting.check.verdict).toBe('ABOVE_BAND');
    const unchanged = (await submit({ offerId: 'o-still-below', base: 100_000 })).body;
    expect(unchanged.check.verdict).toBe('BELOW_BAND');

    // A richer market: 10 more observations 160k…250k lift the max above 180k.
    const version = await publishBand(
      [
        100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 160, 170, 180, 190, 200, 210, 220, 230,
        240, 250,
      ].map((k) => k * 1000),
      'a',
    );
    const rechecked = await waitFor(
      'the re-check',
      async () => {
        const { body } = await offers.call<Offer>('GET', '/v1/offers/o-recheck');
        return body.check.band?.version === version ? body : false;
      },
      30_000,
      100,
    );
    expect(rechecked).toMatchObject({ status: 'auto-approved', approvals: { round: 2 } });
    expect(rechecked.audit.map((a) => [a.action, a.bandVersion])).toEqual([
      ['submitted', version - 1],
      ['rechecked: approvals restarted', version],
    ]);
    const still = await waitFor(
      'the unchanged re-check',
      async () => {
        const { body } = await offers.call<Offer>('GET', '/v1/offers/o-still-below');
        return body.check.band?.version === version ? body : false;
      },
      30_000,
      100,
    );
    expect(still).toMatchObject({ status: 'pending-approval', approvals: { round: 1 } });
    expect(still.audit.at(-1)?.action).toBe('rechecked: verdict unchanged');
  });

  it('re-checks waiting offers under a new verdict policy version', async () => {
    // Band now 147.5k–202.5k: 230k is 13.6 % above max, FAR_ABOVE under the default 10 %.
    const far = (await submit({ offerId: 'o-policy', base: 230_000 })).body;
    expect(far.check).toMatchObject({ verdict: 'FAR_ABOVE_BAND', policyVersion: 1 });
    const current = await offers.call<{ body: Record<string, unknown> }[]>(
      'GET',
      '/v1/verdict-policies',
    );
    const policy = await offers.call<{ version: number }>('POST', '/v1/verdict-policies', {
      body: { ...current.body[0].body, farAboveMaxRatio: 0.2 },
    });
    expect(policy.body.version).toBe(2);
    const rechecked = (await offers.call<Offer>('GET', '/v1/offers/o-policy')).body;
    expect(rechecked).toMatchObject({
      status: 'pending-approval',
      check: { verdict: 'ABOVE_BAND', policyVersion: 2 },
      approvals: { round: 2, pending: ['comp-lead'] },
    });
    expect(
      (await offers.call('POST', '/v1/verdict-policies', { token: recruiter, body: {} })).status,
    ).toBe(403);
    const invalid = await offers.call<{ fields: { path: string }[] }>(
      'POST',
      '/v1/verdict-policies',
      {
        body: {
          farAboveMaxRatio: -1,
          approvals: { ...(current.body[0].body.approvals as object), BELOW_BAND: ['cfo'] },
        },
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.fields.map((f) => f.path).sort()).toEqual([
      'approvals.BELOW_BAND',
      'farAboveMaxRatio',
    ]);
  });

  it('lets finance reconcile the topic, read by an independent client, with the budget impact to the cent', async () => {
    // Offers in three currencies with cents, converted into the USD band: amounts that drift when
    // added up as doubles.
    for (const [offerId, currency, base, bonus, equity] of [
      ['o-money-eur', 'EUR', 123_456.78, 10_000.01, 3_333.33],
      ['o-money-jpy', 'JPY', 21_987_654, 1_234_567, 0],
      ['o-money-usd', 'USD', 155_555.55, 0.1, 0.2],
    ] as const) {
      expect((await submit({ offerId, currency, base, bonus, equity })).status).toBe(201);
    }
    const raw = await waitFor(
      'the topic to hold the re-check event and the offers in three currencies',
      () => {
        const out = offerTopic();
        const all = ['"o-recheck"', 'auto-approved', '"o-money-eur"', '"o-money-jpy"'];
        return all.every((s) => out.includes(s)) && out.includes('"o-money-usd"') ? out : false;
      },
      30_000,
    );
    const latest = new Map<string, OfferDecisionV1>();
    for (const line of raw.trim().split('\n')) {
      const event = JSON.parse(line) as OfferDecisionV1;
      latest.set(event.offerId, event);
    }
    // Summed as a finance system would: decimals, from the JSON figures.
    const expected = new Map<string, Decimal>();
    let expectedTotal = new Decimal(0);
    for (const e of latest.values()) {
      expect(String(e.annualizedTotalUsd)).toMatch(/^-?\d+(\.\d{1,2})?$/);
      if (e.status === 'rejected') continue;
      const state = e.status === 'pending-approval' ? 'pending' : 'approved';
      const key = `${e.role}|${e.zone}|${state}`;
      expected.set(key, (expected.get(key) ?? new Decimal(0)).plus(String(e.annualizedTotalUsd)));
      expectedTotal = expectedTotal.plus(String(e.annualizedTotalUsd));
    }
    expect(['o-money-eur', 'o-money-jpy'].map((id) => latest.get(id)?.currency)).toEqual([
      'USD',
      'USD',
    ]);
    const budget = await offers.call<{
      rows: { role: string; zone: string; status: string; annualizedTotalUsd: number }[];
    }>('GET', '/v1/budget-impact', { token: tokenFor(Role.Finance) });
    expect(budget.status).toBe(200);
    const actual = new Map<string, Decimal>();
    let actualTotal = new Decimal(0);
    for (const r of budget.body.rows) {
      expect(String(r.annualizedTotalUsd)).toMatch(/^-?\d+(\.\d{1,2})?$/);
      const key = `${r.role}|${r.zone}|${r.status}`;
      actual.set(key, (actual.get(key) ?? new Decimal(0)).plus(String(r.annualizedTotalUsd)));
      actualTotal = actualTotal.plus(String(r.annualizedTotalUsd));
    }
    const cents = (m: Map<string, Decimal>) =>
      Object.fromEntries([...m].map(([k, v]) => [k, v.toFixed(2)]));
    expect(cents(actual)).toEqual(cents(expected));
    expect(actualTotal.toFixed(2)).toBe(expectedTotal.toFixed(2));
  });

  it('checks an AUD offer in Sydney against the AUD band, and its event reconciles in USD to the cent', async () => {
    // Six Australian records in Australian dollars: the AU zone's own band, in AUD.
    const bases = [150_000, 160_000, 170_000, 180_000, 190_000, 200_000];
    await h.produce(
      bases.map((base, i) =>
        asMessage({
          ...datapoint(`au-${i}`, base),
          location: { country: 'AU', region: 'NSW', city: 'Sydney' },
          currency: 'AUD',
        }),
      ),
    );
    const cell = `${ROLE}|${LEVEL}|AU`;
    await waitFor(
      'the AU draft to hold the Australian records',
      async () => {
        const { body } = await h.bands!.call<{ draft: { review: { n: number } } }>(
          'GET',
          `/v1/drafts/${ROLE}/${LEVEL}/AU`,
        );
        return body.draft?.review.n === bases.length;
      },
      60_000,
      100,
    );
    const published = await h.bands!.call<{ published: { version: number }[] }>(
      'POST',
      '/v1/drafts/publish',
      { body: { cells: [cell], effectiveFrom: '2026-01-01' } },
    );
    expect(published.status).toBe(200);
    const sydney = {
      location: 'AU-NSW-Sydney',
      currency: 'AUD',
      base: 175_000.55,
      bonus: 12_345.67,
    };
    const checked = await waitFor(
      'the offers service to hold the AU band',
      async () => {
        const { body } = await check(sydney);
        return body.band ? body : false;
      },
      30_000,
    );
    expect(checked.location).toMatchObject({ zone: 'AU' });
    expect(checked.band).toMatchObject({ currency: 'AUD' });
    expect(checked.pay).toMatchObject({ currency: 'AUD', base: 175_000.55, fx: null });
    expect(checked.verdict).toBe('WITHIN_BAND');

    expect((await submit({ offerId: 'o-sydney', ...sydney })).status).toBe(201);
    const event = await waitFor(
      'the Sydney offer on the topic',
      () => {
        const out = offerTopic();
        const lines = out
          .trim()
          .split('\n')
          .filter((line) => line.includes('"o-sydney"'));
        return lines.length ? (JSON.parse(lines[lines.length - 1]) as OfferDecisionV1) : false;
      },
      30_000,
    );
    expect(event).toMatchObject({
      zone: 'AU',
      currency: 'AUD',
      base: 175_000.55,
      annualizedTotal: 187_346.22,
    });
    // The ECB's last AUD rate (2026-04-13: 1.1684 USD per euro / 1.661 AUD per euro), kept in
    // force by the shipped table's declared 730 days.
    expect(event.fx).toEqual({
      rate: Number((1.1684 / 1.661).toPrecision(12)),
      asOf: '2026-04-13',
    });
    const usd = new Decimal(String(event.annualizedTotal))
      .times(String(event.fx.rate))
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(String(event.annualizedTotalUsd)).toBe(usd.toFixed(2));
    const budget = await offers.call<{
      rows: { role: string; zone: string; annualizedTotalUsd: number }[];
    }>('GET', '/v1/budget-impact', { token: tokenFor(Role.Finance) });
    const au = budget.body.rows.filter((r) => r.zone === 'AU');
    expect(au.map((r) => new Decimal(String(r.annualizedTotalUsd)).toFixed(2))).toEqual([
      usd.toFixed(2),
    ]);
  });

  it('rebuilds its copy of the bands from the topic when its store is lost', async () => {
    const before = (await check({ base: 150_000 })).body.band?.version;
    expect(before).toBeDefined();
    await offers.stop();
    // As after restoring an empty database: the copy and its progress are gone, Kafka's offsets are not.
    await h.query('DELETE FROM offers.bands');
    await h.query('DELETE FROM offers.consumer_progress');
    offers = await h.startService('offers', {
      OFFERS_CONSUMER_GROUP: `${h.namespace}offers`,
    });
    await waitFor(
      'the band copy to be rebuilt from comp.bands.v1',
      async () => (await check({ base: 150_000 })).body.band?.version === before,
      30_000,
      100,
    );
    const [{ n }] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM offers.bands');
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('enforces the role matrix, body limits and rate limits in the error shape', async () => {
    expect((await offers.call('POST', '/v1/offer-checks', { token: null, body: {} })).status).toBe(
      401,
    );
    for (const role of Object.values(Role)) {
      expect((await check({ base: 150_000 }, tokenFor(role))).status).toBe(200);
      const submitted = await submit({ offerId: `o-${role}`, base: 150_000 }, tokenFor(role));
      expect(submitted.status).toBe(role === Role.Recruiter ? 201 : 403);
      const budget = await offers.call('GET', '/v1/budget-impact', { token: tokenFor(role) });
      expect(budget.status).toBe(role === Role.Finance ? 200 : 403);
    }
    expect((await offers.call('GET', '/v1/offers/o-within', { token: null })).status).toBe(401);

    const huge = await check({ base: 150_000, padding: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413 });
    expect(huge.text).not.toMatch(/at .*\.js|node_modules/);

    const limited = await h.startService('offers', {
      OFFERS_CONSUMER_GROUP: `${h.namespace}offers-limited`,
      HTTP_RATE_LIMIT_PER_SECOND: '5',
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          limited.call('GET', '/v1/offers/o-within', { token: recruiter }),
        ),
      );
      const tooMany = answers.filter((a) => a.status === 429);
      expect(tooMany.length).toBeGreaterThanOrEqual(10);
      expect(tooMany[0].body).toMatchObject({ statusCode: 429 });
      // The same subject however the header is spelled; bad tokens are limited per address.
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
      const spelled = await Promise.all(
        ['Bearer', 'bearer', 'BEARER', 'Bearer ', 'Bearer  '].flatMap((scheme) =>
          [0, 1].map(() =>
            fetch(`${limited.url}/v1/offers/o-within`, {
              headers: { authorization: `${scheme} ${recruiter}` },
            }),
          ),
        ),
      );
      expect(spelled.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(5);
      const limitedResponse = spelled.find((r) => r.status === 429)!;
      expect(Number(limitedResponse.headers.get('retry-after'))).toBeGreaterThan(0);
      const allowed = spelled.find((r) => r.status === 200)!;
      expect(allowed.headers.get('x-ratelimit-limit')).toBe('5');
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
      const forged = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          limited.call('GET', '/v1/offers/o-within', { token: `not-a-token-${i}` }),
        ),
      );
      expect(forged.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(5);
      expect(forged.filter((a) => a.status === 401).length).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });

  it("shows a recruiter their team's offers when the verdict policy says team, never another team's", async () => {
    const member = (subject: string, team: string) =>
      issueToken({ subject, role: Role.Recruiter, team }, loadConfig(AuthEnv));
    const rita = member('e2e-rita', 'emea');
    const sam = member('e2e-sam', 'emea');
    const ann = member('e2e-ann', 'apac');
    for (const [id, bearer] of [
      ['o-rita', rita],
      ['o-sam', sam],
      ['o-ann', ann],
    ] as const) {
      expect((await submit({ offerId: id, base: 150_000 }, bearer)).status).toBe(201);
    }
    const ids = async (bearer: string) =>
      (await offers.call<{ id: string }[]>('GET', '/v1/offers', { token: bearer })).body
        .map((o) => o.id)
        .filter((id) => ['o-rita', 'o-sam', 'o-ann'].includes(id))
        .sort();
    const read = async (id: string, bearer: string) =>
      (await offers.call('GET', `/v1/offers/${id}`, { token: bearer })).status;
    const setVisibility = async (offerVisibility: 'own' | 'team') => {
      const [current] = (
        await offers.call<{ body: Record<string, unknown> }[]>('GET', '/v1/verdict-policies')
      ).body;
      const posted = await offers.call<{ body: { offerVisibility: string } }>(
        'POST',
        '/v1/verdict-policies',
        { body: { ...current.body, offerVisibility } },
      );
      expect(posted.body.body.offerVisibility).toBe(offerVisibility);
    };

    // Default (own): each recruiter their own offers only.
    expect([await ids(rita), await ids(sam), await ids(ann)]).toEqual([
      ['o-rita'],
      ['o-sam'],
      ['o-ann'],
    ]);
    expect([await read('o-sam', rita), await read('o-rita', rita)]).toEqual([404, 200]);

    await setVisibility('team');
    expect([await ids(rita), await ids(sam), await ids(ann)]).toEqual([
      ['o-rita', 'o-sam'],
      ['o-rita', 'o-sam'],
      ['o-ann'],
    ]);
    expect([await read('o-sam', rita), await read('o-rita', sam)]).toEqual([200, 200]);
    expect([await read('o-ann', rita), await read('o-rita', ann)]).toEqual([404, 404]);
    // A recruiter whose token names no team still reads only their own offers.
    expect(await ids(recruiter)).toEqual([]);
    for (const role of [Role.CompLead, Role.Finance, Role.CompAnalyst]) {
      expect(await ids(token(role))).toEqual(['o-ann', 'o-rita', 'o-sam']);
    }

    await setVisibility('own');
    expect(await read('o-sam', rita)).toBe(404);
  });
});
