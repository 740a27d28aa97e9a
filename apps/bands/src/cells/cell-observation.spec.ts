import { OBSERVATION_SCHEMA, type ObservationV1 } from '@rangefinder/contracts';
import { CellObservation, readObservation, type ReadObservation } from './cell-observation';

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

function rejected(result: ReadObservation) {
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${result.kind}`);
  return result;
}

describe('readObservation', () => {
  it('keeps the fields a band needs from a valid message, as a CellObservation', () => {
    const result = read({ ...valid, extra: 'ignored' });
    if (result.kind !== 'observation')
      throw new Error(`expected an observation, got ${result.kind}`);
    expect(result.observation).toBeInstanceOf(CellObservation);
    expect({ ...result.observation }).toEqual({
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
    const result = read(bare);
    expect(result.kind === 'observation' && result.observation).toMatchObject({
      bonus: null,
      equity: null,
      companyId: null,
    });
  });

  it('reads a tombstone as the erasure of its key', () => {
    expect(readObservation(key, null)).toEqual({ kind: 'erasure', key: 'ai-jobs:42' });
  });

  it.each([[null], [Buffer.from('')]])('rejects a tombstone without a key (%p)', (noKey) => {
    expect(rejected(readObservation(noKey, null)).fields).toEqual([
      { path: 'key', problem: 'is missing' },
    ]);
  });

  it('rejects bytes that are not JSON', () => {
    const result = rejected(readObservation(key, Buffer.from('{"schema": ')));
    expect(result.message).toMatch(/^not JSON: /);
    expect(result.fields).toEqual([]);
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
  ])('names the field when %s is %p', (field, value) => {
    const result = rejected(read({ ...valid, [field]: value }));
    expect(result.message).toBe('observation does not match comp.observation.v1');
    expect(new Set(result.fields.map((f) => f.path))).toEqual(new Set([field]));
  });

  it('rejects a value whose key differs from the message key', () => {
    expect(rejected(read(valid, Buffer.from('ai-jobs:43'))).fields).toEqual([
      { path: 'key', problem: 'differs from the message key' },
    ]);
    expect(rejected(read(valid, null)).fields.map((f) => f.path)).toEqual(['key']);
  });
});
