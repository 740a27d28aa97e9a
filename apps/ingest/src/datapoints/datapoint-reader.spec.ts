import 'reflect-metadata';
import { RejectionCode } from '@rangefinder/contracts';
import { parseKey, readDatapoint } from './datapoint-reader';

const valid = {
  schema: 'comp.datapoint.v1',
  source: 'ai-jobs',
  sourceRecordId: '42',
  observedAt: '2024-07-01',
  title: 'Data Scientist',
  level: 'SE',
  location: { country: 'US' },
  employmentType: 'FT',
  currency: 'USD',
  base: 150000,
};
const key = Buffer.from('ai-jobs:42');
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const read = (value: unknown, k: Buffer | null = key) => readDatapoint(k, json(value));
const rejected = (result: ReturnType<typeof readDatapoint>) => {
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${result.kind}`);
  return result.reason;
};

describe('readDatapoint', () => {
  it('accepts a valid datapoint and ignores unknown fields', () => {
    const result = read({ ...valid, extra: 'ignored' });
    expect(result.kind).toBe('datapoint');
  });

  it('accepts role instead of title', () => {
    const { title: _title, ...withRole } = valid;
    expect(read({ ...withRole, role: 'data-scientist' }).kind).toBe('datapoint');
  });

  it('reads a null value with a proper key as a tombstone', () => {
    expect(readDatapoint(key, null)).toEqual({
      kind: 'tombstone',
      source: 'ai-jobs',
      sourceRecordId: '42',
    });
  });

  it('rejects a tombstone without a usable key', () => {
    expect(rejected(readDatapoint(null, null)).fields).toEqual([
      { path: 'key', problem: 'is missing' },
    ]);
    expect(rejected(readDatapoint(Buffer.from('no-colon'), null)).code).toBe(
      RejectionCode.SchemaViolation,
    );
  });

  it('rejects bytes that are not JSON', () => {
    const result = readDatapoint(key, Buffer.from('{"schema": '));
    expect(rejected(result).code).toBe(RejectionCode.InvalidJson);
    expect(result.kind === 'rejected' && result.source).toBe('ai-jobs');
  });

  it('rejects invalid UTF-8 before parsing', () => {
    expect(rejected(readDatapoint(key, Buffer.from([0x7b, 0xc3, 0x28, 0x7d]))).code).toBe(
      RejectionCode.InvalidEncoding,
    );
  });

  it('rejects payloads over the size limit', () => {
    const huge = json({ ...valid, title: 'x'.repeat(100_000) });
    expect(rejected(readDatapoint(key, huge)).code).toBe(RejectionCode.PayloadTooLarge);
  });

  it.each([[null], [[1, 2]], ['text'], [42]])(
    'rejects a JSON value that is not an object: %p',
    (value) => {
      expect(rejected(read(value)).code).toBe(RejectionCode.SchemaViolation);
    },
  );

  it('names every wrong field with its path', () => {
    const reason = rejected(
      read({ ...valid, base: '150000', location: { country: 'usa' }, employmentType: 'X' }),
    );
    expect(reason.code).toBe(RejectionCode.SchemaViolation);
    expect([...new Set(reason.fields.map((f) => f.path))].sort()).toEqual([
      'base',
      'employmentType',
      'location.country',
    ]);
    expect(reason.message).toContain('location.country');
  });

  it('names missing required fields', () => {
    const { observedAt: _o, currency: _c, ...missing } = valid;
    const paths = rejected(read(missing)).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['observedAt', 'currency']));
  });

  it('requires title or role', () => {
    const { title: _title, ...neither } = valid;
    const paths = rejected(read(neither)).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'role']));
  });

  it.each([
    ['schema', 'comp.datapoint.v2'],
    ['source', 'Has Spaces'],
    ['sourceRecordId', ''],
    ['observedAt', '2024/07/01'],
    ['currency', 'usd'],
    ['period', 'week'],
    ['base', -5],
    ['base', 0],
    ['bonus', -1],
    ['weight', 11],
    ['weight', 0],
    ['location', 'US'],
  ])('rejects %s = %p', (field, value) => {
    const reason = rejected(read({ ...valid, [field]: value }));
    expect(reason.fields.map((f) => f.path.split('.')[0])).toContain(field);
  });

  it('rejects NUL characters, which PostgreSQL text cannot hold', () => {
    const reason = rejected(
      readDatapoint(key, Buffer.from(JSON.stringify({ ...valid, title: 'a\u0000b' }))),
    );
    expect(reason.code).toBe(RejectionCode.SchemaViolation);
    expect(rejected(readDatapoint(Buffer.from('ai-jobs:4\u00002'), null)).fields[0].path).toBe(
      'key',
    );
    expect(rejected(readDatapoint(Buffer.from([0x61, 0x3a, 0xff]), null)).fields[0].path).toBe(
      'key',
    );
  });

  it('rejects a key that does not match the value', () => {
    const reason = rejected(read(valid, Buffer.from('ai-jobs:43')));
    expect(reason.fields).toEqual([
      { path: 'key', problem: expect.stringContaining('ai-jobs:42') as unknown },
    ]);
  });
});

describe('parseKey', () => {
  it('splits at the first colon; record ids may contain colons', () => {
    expect(parseKey('hris.acme:emp:7')).toEqual({ source: 'hris.acme', sourceRecordId: 'emp:7' });
  });
  it.each([null, '', ':7', 'UPPER:7', 'ai-jobs:'])('rejects %p', (k) =>
    expect(parseKey(k)).toBeUndefined(),
  );
});
