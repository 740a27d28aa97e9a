import { jsonHazards } from './json-hazards';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe('jsonHazards', () => {
  it('finds nothing in an ordinary contract value', () => {
    expect(jsonHazards({ role: 'x', location: { country: 'US' }, rows: [{ p50: 1 }] })).toEqual([]);
  });

  it('names every prototype key by its path, at any depth', () => {
    const parsed = JSON.parse(
      '{"__proto__":{"a":1},"fx":{"constructor":"x"},"rows":[{"prototype":1}]}',
    ) as unknown;
    expect(jsonHazards(parsed)).toEqual(
      expect.arrayContaining([
        { path: '__proto__', problem: 'is a reserved name' },
        { path: 'fx.constructor', problem: 'is a reserved name' },
        { path: 'rows.0.prototype', problem: 'is a reserved name' },
      ]),
    );
  });

  it('names text PostgreSQL cannot store: NUL and lone surrogates, in values and keys', () => {
    const parsed = JSON.parse(
      '{"a":"x\\u0000y","b":["\\ud800"],"c":"\\udc00z","d\\u0000":1,"ok":"\\ud83d\\ude00"}',
    ) as unknown;
    expect(jsonHazards(parsed)).toEqual(
      expect.arrayContaining([
        { path: 'a', problem: 'contains the NUL character (\\u0000)' },
        { path: 'b.0', problem: 'contains a lone UTF-16 surrogate (no character)' },
        { path: 'c', problem: 'contains a lone UTF-16 surrogate (no character)' },
        { path: 'd\u0000', problem: 'contains the NUL character (\\u0000)' },
      ]),
    );
    expect(jsonHazards(parsed)).toHaveLength(4);
  });

  it('refuses nesting past the limit without overflowing its own stack', () => {
    expect(jsonHazards(nested(64))).toEqual([]);
    expect(jsonHazards(nested(200_000))).toEqual([
      { path: Array(64).fill('0').join('.'), problem: 'nests deeper than 64 levels' },
    ]);
  });
});
