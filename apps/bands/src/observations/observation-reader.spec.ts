import { OBSERVATION_SCHEMA, RejectionCode, type ObservationV1 } from '@rangefinder/contracts';
import { readObservation } from './observation-reader';

const valid: ObservationV1 = {
  schema: OBSERVATION_SCHEMA,
  key: 'ai-jobs:42',
  revision: '3',
  change: 'corrected',
  source: 'ai-jobs',
  sourceRecordId: '42',
  observedAt: '2024-07-01',
  role: 'data-scientist',
  level: 'IC3',
  zone: 'US-A',
  country: 'US',
  employmentType: 'FT',
  currency: 'USD',
  base: 150_000,
  bonus: 12_000,
  equity: null,
  baseUsd: 150_000,
  fx: { from: 'USD', rate: 1, asOf: '2000-01-01' },
  companyId: 'acme',
  weight: 1,
};
const key = Buffer.from('ai-jobs:42');
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const read = (value: unknown, messageKey: Buffer | null = key) =>
  readObservation(messageKey, json(value));

function rejected(result: ReturnType<typeof readObservation>) {
  if ('ok' in result) throw new Error(`expected a rejection, got ${result.ok.kind}`);
  return result.reject;
}

function stored(result: ReturnType<typeof readObservation>) {
  if (!('ok' in result) || result.ok.kind !== 'put') throw new Error('expected an observation');
  return result.ok.observation;
}

describe('readObservation', () => {
  it('keeps only the fields a band needs from a valid message', () => {
    expect(stored(read({ ...valid, extra: 'ignored' }))).toEqual({
      key: 'ai-jobs:42',
      revision: '3',
      source: 'ai-jobs',
      observedAt: '2024-07-01',
      role: 'data-scientist',
      level: 'IC3',
      zone: 'US-A',
      country: 'US',
      employmentType: 'FT',
      currency: 'USD',
      base: 150_000,
      bonus: 12_000,
      equity: null,
      baseUsd: 150_000,
      companyId: 'acme',
      weight: 1,
    });
  });

  it('reads absent bonus, equity and company as null', () => {
    const { bonus: _b, equity: _e, companyId: _c, ...bare } = valid;
    expect(stored(read(bare))).toMatchObject({
      bonus: null,
      equity: null,
      companyId: null,
    });
  });

  it('reads a tombstone as the erasure of its key', () => {
    expect(readObservation(key, null)).toEqual({ ok: { kind: 'erase', key: 'ai-jobs:42' } });
  });

  it.each([[null], [Buffer.from('')]])('rejects a tombstone without a key (%p)', (noKey) => {
    expect(rejected(readObservation(noKey, null)).fields).toEqual([
      { path: 'key', problem: 'is missing' },
    ]);
  });

  it('rejects bytes that are not JSON', () => {
    const reason = rejected(readObservation(key, Buffer.from('{"schema": ')));
    expect(reason.code).toBe(RejectionCode.InvalidJson);
    expect(reason.message).toMatch(/^not JSON: /);
    expect(reason.fields).toEqual([]);
  });

  it.each([
    ['another schema', { ...valid, schema: 'comp.datapoint.v1' }],
    ['no schema', { ...valid, schema: undefined }],
    ['null', null],
    ['an array', [valid]],
    ['a number', 42],
  ])('rejects %s', (_label, value) => {
    expect(rejected(read(value)).fields).toEqual([
      { path: 'schema', problem: 'must be "comp.observation.v1"' },
    ]);
  });

  it.each<[keyof ObservationV1, unknown]>([
    ['revision', '1.5'],
    ['revision', 3],
    ['source', ''],
    ['observedAt', '2024-7-1'],
    ['observedAt', '2024-02-30'],
    ['role', undefined],
    ['level', ''],
    ['zone', undefined],
    ['country', 'usa'],
    ['employmentType', 'intern'],
    ['currency', 'usd'],
    ['base', 0],
    ['base', '150000'],
    ['bonus', -1],
    ['equity', 'lots'],
    ['baseUsd', undefined],
    ['companyId', 7],
    ['weight', 0],
    ['weight', 11],
    ['change', 'new'],
    ['sourceRecordId', ''],
    ['fx', undefined],
  ])('names the field when %s is %p', (field, value) => {
    const reason = rejected(read({ ...valid, [field]: value }));
    expect(reason.code).toBe(RejectionCode.SchemaViolation);
    expect(reason.message).toBe(`value violates comp.observation.v1 at: ${field}`);
    expect(new Set(reason.fields.map((f) => f.path))).toEqual(new Set([field]));
  });

  it.each([
    ['fx.from', { from: 'usd', rate: 1, asOf: '2000-01-01' }],
    ['fx.rate', { from: 'USD', rate: 0, asOf: '2000-01-01' }],
    ['fx.asOf', { from: 'USD', rate: 1, asOf: '2000-13-01' }],
  ])('names the nested field %s', (path, fx) => {
    expect(rejected(read({ ...valid, fx })).fields.map((f) => f.path)).toEqual([path]);
  });

  it('rejects a value whose key differs from the message key', () => {
    expect(rejected(read(valid, Buffer.from('ai-jobs:43'))).fields).toEqual([
      { path: 'key', problem: 'differs from the message key' },
    ]);
    expect(rejected(read(valid, null)).fields.map((f) => f.path)).toEqual(['key']);
  });
});
