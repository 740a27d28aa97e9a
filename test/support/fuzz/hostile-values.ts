import fc from 'fast-check';

/**
 * A value that JSON cannot hold but a hostile client can write: `raw('NaN')` is serialized by
 * `jsonText` as the bare token NaN, so the server's parser really meets it.
 */
const RAW = '\u0001raw:';
export const raw = (token: string) => `${RAW}${token}`;

/** JSON text of `value`, with every `raw(...)` marker written as its bare token. */
export function jsonText(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

/** Number tokens that are not JSON numbers, or numbers no double (or no amount) can hold. */
export const RAW_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e-400',
  '0x1F',
  '01',
  '.5',
  '+1',
  '-0',
  '1_000',
  '12345678901234567890123456789',
];

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Text no compression shrinks (a long key must not fit a btree index row only by luck). */
const incompressible = (length: number) => {
  let seed = 7;
  return Array.from({ length }, () => {
    seed = (seed * 48271) % 2147483647;
    return String.fromCharCode(0x21 + (seed % 90));
  }).join('');
};

/** Field values of every wrong kind: types, bounds, decimals, sizes, encodings, injections. */
export const HOSTILE_FIELD_VALUES: unknown[] = [
  'x',
  '',
  ' ',
  0,
  -1,
  true,
  null,
  [],
  {},
  ...RAW_NUMBERS.map(raw),
  185000.123456,
  1e-9,
  0.001,
  1e20,
  2147483648,
  raw('9007199254740993'),
  '99999999999999999999',
  -185000,
  'a'.repeat(10_000),
  incompressible(3_000),
  'a\u0000b',
  '\u0000',
  '\ud800',
  '😀'.repeat(50),
  'مرحبا\u202e',
  '2025-02-30',
  '0000-01-01',
  '99999-01-01',
  '2025-01-19T00:00:00Z',
  "'; DROP TABLE offers; --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '%s%n%x',
  Array.from({ length: 5_000 }, () => 1),
  Array.from({ length: 100 }, () => ({ a: 'x' })),
  nested(60),
  // Written as raw text: JSON.stringify itself cannot nest this deep.
  raw(`${'['.repeat(5_000)}${']'.repeat(5_000)}`),
  { __proto__: null, constructor: 'x' },
];

/** Whole bodies that are not JSON, not an object, or hostile to a parser. */
export const HOSTILE_BODIES: (string | Buffer)[] = [
  '{"role":',
  "{'role':'x'}",
  '{"a":1,}',
  '',
  ' ',
  'null',
  '[]',
  '42',
  '"text"',
  'true',
  '[{}]',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"a":2}',
  '\ufeff{}',
  '{"a":NaN}',
  '{"a":1e309}',
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"a":'.repeat(3_333) + '1' + '}'.repeat(3_333),
  '<?xml version="1.0"?><a/>',
  'role=x&level=y',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  `{"a":"${'x'.repeat(70_000)}"}`,
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
];

export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/xml',
  'APPLICATION/JSON',
  'application/json, text/plain',
  'application/vnd.api+json',
  ';;;',
];

/** Path parameter values (already URL-encoded): out of range, encodings, traversal, sizes. */
export const HOSTILE_PATH_VALUES = [
  '2147483648',
  '9223372036854775808',
  '-1',
  '0',
  '1.5',
  '1e3',
  '%00',
  'a%00b',
  'x'.repeat(200),
  'x'.repeat(1_001),
  '..%2F..%2Fetc',
  '%2F',
  '%25',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%20',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

/** Query parameter values (already URL-encoded). */
export const HOSTILE_QUERY_VALUES = [
  'abc',
  '-1',
  '0',
  '1e309',
  'NaN',
  '1.5',
  '99999999999999999999',
  '',
  '%00',
  'a%00b',
  '%E0%A4%A',
  'x'.repeat(5_000),
  '2025-02-30',
  '%F0%9F%98%80',
];

/** Query pairs no operation documents. */
export const HOSTILE_QUERY_PAIRS = [
  'unknown=1',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'role[]=x',
  'role[a]=x',
  '&&&',
  '=x',
];

export const hostileFieldValue = fc.constantFrom(...HOSTILE_FIELD_VALUES);
