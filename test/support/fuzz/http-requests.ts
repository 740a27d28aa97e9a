import fc from 'fast-check';
import {
  CONTENT_TYPES,
  HOSTILE_BODIES,
  HOSTILE_PATH_VALUES,
  HOSTILE_QUERY_PAIRS,
  HOSTILE_QUERY_VALUES,
  hostileFieldValue,
  jsonText,
  raw,
} from './hostile-values';
import type { Operation } from './openapi';
import { valueOf } from './schema-arbitrary';
import { fieldPaths, valueAt, withAt, withoutAt, type ValuePath } from './value-paths';

export type RequestKind = 'valid' | 'mutated' | 'hostile';

/** One raw HTTP request as it goes on the wire, before its credentials. */
export interface FuzzRequest {
  service: string;
  kind: RequestKind;
  /** What was done to the valid request, e.g. `body.base=NaN`. */
  mutation: string;
  method: string;
  /** Path and query, URL-encoded. */
  target: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** A valid request's parts before they are written out. */
interface Parts {
  path: Record<string, string>;
  query: string[];
  body: unknown;
}

/** The document gives path parameters no schema: these are the shapes the services use. */
const PATH_VALUES: Record<string, string[]> = {
  role: ['data-scientist', 'software-engineer', 'vp-engineering'],
  level: ['IC3', 'IC4', 'E1'],
  zone: ['US-A', 'US', 'GB-London'],
  id: ['1', '2', 'ats-48213'],
};

function partsOf(op: Operation): fc.Arbitrary<Parts> {
  const path = fc.record(
    Object.fromEntries(
      op.pathParameters.map((p) => [
        p,
        fc.constantFrom(...(PATH_VALUES[p] ?? ['x'])).map(encodeURIComponent),
      ]),
    ),
  );
  const query = fc.tuple(
    ...op.query.map((q) =>
      fc.option(
        valueOf(q.schema).map((v) => `${q.name}=${encodeURIComponent(String(v))}`),
        { nil: undefined, freq: q.required ? 0 : 2 },
      ),
    ),
  );
  return fc
    .record({ path, query, body: op.body ? valueOf(op.body) : fc.constant(undefined) })
    .map((p) => ({ ...p, query: p.query.filter((q): q is string => q !== undefined) }));
}

function render(
  op: Operation,
  parts: Parts,
  kind: RequestKind,
  mutation: string,
  overrides: Partial<FuzzRequest> = {},
): FuzzRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => parts.path[name] ?? 'x');
  const hasBody = op.body !== undefined && parts.body !== undefined;
  return {
    service: op.service,
    kind,
    mutation,
    method: op.method,
    target: parts.query.length ? `${path}?${parts.query.join('&')}` : path,
    headers: hasBody ? { 'content-type': 'application/json' } : {},
    ...(hasBody ? { body: jsonText(parts.body) } : {}),
    ...overrides,
  };
}

const named = (path: ValuePath) => ['body', ...path].join('.');

/** One field of the body wrong, written as a string, missing, or joined by an unknown one. */
function bodyMutation(op: Operation, parts: Parts): fc.Arbitrary<FuzzRequest> {
  const paths = fieldPaths(parts.body);
  const at = paths.length ? fc.constantFrom(...paths) : fc.constant<ValuePath>([]);
  const mutated = (body: unknown, what: string) => render(op, { ...parts, body }, 'mutated', what);
  return fc.oneof(
    fc
      .tuple(at, hostileFieldValue)
      .map(([path, value]) =>
        mutated(withAt(parts.body, path, value), `${named(path)}=${jsonText(value).slice(0, 40)}`),
      ),
    at.map((path) =>
      mutated(
        withAt(parts.body, path, jsonText(valueAt(parts.body, path))),
        `${named(path)} as a string`,
      ),
    ),
    at.map((path) => mutated(withoutAt(parts.body, path), `${named(path)} missing`)),
    fc
      .constantFrom('extra', '__proto__', 'constructor', 'prototype')
      .map((key) =>
        mutated({ ...(parts.body as object), [key]: { polluted: raw('1') } }, `body.${key} added`),
      ),
  );
}

/** A query parameter duplicated, of a wrong value, or one no operation knows. */
function queryMutation(op: Operation, parts: Parts): fc.Arbitrary<FuzzRequest> {
  const names = op.query.map((q) => q.name);
  const name = names.length ? fc.constantFrom(...names) : fc.constant('role');
  const withQuery = (query: string[], what: string) =>
    render(op, { ...parts, query }, 'mutated', what);
  return fc.oneof(
    fc
      .tuple(name, fc.constantFrom(...HOSTILE_QUERY_VALUES))
      .map(([n, v]) => withQuery([...parts.query, `${n}=${v}`], `query ${n}=${v.slice(0, 40)}`)),
    fc
      .tuple(name, fc.constantFrom('a', '1', 'IC4'), fc.constantFrom('b', '2', 'US-A'))
      .map(([n, a, b]) =>
        withQuery([...parts.query, `${n}=${a}`, `${n}=${b}`], `query ${n} twice`),
      ),
    fc
      .constantFrom(...HOSTILE_QUERY_PAIRS)
      .map((pair) => withQuery([...parts.query, pair], `query ${pair}`)),
  );
}

/** A path parameter out of range, badly encoded, too long or a traversal. */
function pathMutation(op: Operation, parts: Parts): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom(...op.pathParameters), fc.constantFrom(...HOSTILE_PATH_VALUES))
    .map(([p, v]) =>
      render(
        op,
        { ...parts, path: { ...parts.path, [p]: v } },
        'mutated',
        `path ${p}=${v.slice(0, 40)}`,
      ),
    );
}

/** Bodies that are not JSON or not objects, wrong content types, oversized headers. */
function hostile(op: Operation, parts: Parts): fc.Arbitrary<FuzzRequest> {
  const text = op.body && parts.body !== undefined ? jsonText(parts.body) : '{}';
  const { headers } = render(op, parts, 'valid', 'none');
  const withBody = op.method !== 'GET';
  return fc.oneof(
    ...(withBody
      ? [
          fc.constantFrom(...HOSTILE_BODIES.keys()).map((i) =>
            render(op, parts, 'hostile', `body #${i} ${String(HOSTILE_BODIES[i]).slice(0, 30)}`, {
              headers: { 'content-type': 'application/json' },
              body: HOSTILE_BODIES[i],
            }),
          ),
          fc.constantFrom(...CONTENT_TYPES).map((type) =>
            render(op, parts, 'hostile', `content-type ${type}`, {
              headers: { 'content-type': type },
              body: text,
            }),
          ),
          fc.constant(render(op, parts, 'hostile', 'no content-type', { headers: {}, body: text })),
        ]
      : []),
    fc.constantFrom(4_000, 20_000).map((size) =>
      render(op, parts, 'hostile', `header of ${size} bytes`, {
        headers: { ...headers, 'x-filler': 'h'.repeat(size) },
      }),
    ),
    fc.constantFrom('', 'x'.repeat(129), 'a b', 'a\tb', 'é').map((key) =>
      render(op, parts, 'hostile', `idempotency-key "${key.slice(0, 20)}"`, {
        headers: { ...headers, 'idempotency-key': key },
      }),
    ),
  );
}

/**
 * Requests for one operation generated from its documented schemas: valid ones, ones with one
 * mutation, and hostile ones.
 */
export function requestsFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  return partsOf(op).chain((parts) => {
    const mutations = [
      ...(op.body ? [bodyMutation(op, parts)] : []),
      queryMutation(op, parts),
      ...(op.pathParameters.length ? [pathMutation(op, parts)] : []),
    ];
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(render(op, parts, 'valid', 'none')) },
      { weight: 5, arbitrary: fc.oneof(...mutations) },
      { weight: 2, arbitrary: hostile(op, parts) },
    );
  });
}
