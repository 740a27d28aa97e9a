import fc from 'fast-check';
import { HOSTILE_BODIES, hostileFieldValue, jsonText, raw } from './hostile-values';
import { fieldPaths, valueAt, withAt, withoutAt, type ValuePath } from './value-paths';

export type MessageKind = 'valid' | 'mutated' | 'hostile';

/** One message as produced: key and value bytes as a hostile producer may write them. */
export interface FuzzMessage {
  kind: MessageKind;
  /** What was done to the valid message, e.g. `base=NaN`. */
  what: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
}

const named = (path: ValuePath) => path.join('.') || '(root)';

/** A valid contract value with one field wrong, written as a string, missing, or an unknown key. */
export function mutatedMessage(key: string, value: object): fc.Arbitrary<FuzzMessage> {
  const paths = fieldPaths(value);
  const at = fc.constantFrom(...paths);
  const message = (v: unknown, what: string): FuzzMessage => ({
    kind: 'mutated',
    what,
    key,
    value: jsonText(v),
  });
  return fc.oneof(
    fc
      .tuple(at, hostileFieldValue)
      .map(([path, v]) =>
        message(withAt(value, path, v), `${named(path)}=${jsonText(v).slice(0, 40)}`),
      ),
    at.map((path) =>
      message(withAt(value, path, jsonText(valueAt(value, path))), `${named(path)} as a string`),
    ),
    at.map((path) => message(withoutAt(value, path), `${named(path)} missing`)),
    fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .map((k) => message({ ...value, [k]: { polluted: raw('1') } }, `${k} added`)),
  );
}

const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]);

/**
 * Messages no contract accepts: not JSON, not an object, not UTF-8, huge, NUL, under a key that
 * names nothing, hostile headers. `key` is the message's own distinct key (every input topic is
 * compacted, so the broker itself refuses a message without one).
 */
export function hostileMessage(key: string, valid: object): fc.Arbitrary<FuzzMessage> {
  const text = jsonText(valid);
  const message = (what: string, m: Partial<FuzzMessage>): FuzzMessage => ({
    kind: 'hostile',
    what,
    key,
    value: text,
    ...m,
  });
  // Built only when drawn: a 200 KiB value made for every message would dominate the run.
  const variants: [string, () => Partial<FuzzMessage>][] = [
    ['not UTF-8', () => ({ value: Buffer.concat([Buffer.from(text), INVALID_UTF8]) })],
    [
      'NUL byte',
      () => ({ value: Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from([0, 0x7d])]) }),
    ],
    ['200 KiB string', () => ({ value: jsonText({ ...valid, pad: 'x'.repeat(200 * 1024) }) })],
    ['empty value', () => ({ value: '' })],
    ['tombstone', () => ({ value: null })],
    ['key of invalid UTF-8', () => ({ key: INVALID_UTF8 })],
    ['key with NUL', () => ({ key: Buffer.from(`${key}\u0000`) })],
    ['wrong schema', () => ({ value: jsonText({ ...valid, schema: 'comp.other.v9' }) })],
    [
      'hostile headers',
      () => ({
        headers: { 'x-bin': INVALID_UTF8, 'x\u0000nul': 'v', 'x-long': 'h'.repeat(10_000) },
      }),
    ],
  ];
  return fc.oneof(
    fc
      .constantFrom(...HOSTILE_BODIES.keys())
      .map((i) => message(`body #${i}`, { value: HOSTILE_BODIES[i] })),
    fc.constantFrom(...variants).map(([what, build]) => message(what, build())),
  );
}

/** The rare giant: a value just under the broker's 1 MiB limit, as text and as bytes. */
export function giantMessages(key: (i: number) => string): FuzzMessage[] {
  return [
    { kind: 'hostile', what: '900 KiB text', key: key(0), value: `"${'x'.repeat(900 * 1024)}"` },
    {
      kind: 'hostile',
      what: '780 KiB bytes',
      key: key(1),
      value: Buffer.alloc(780 * 1024, 0xff),
    },
  ];
}
