import fc from 'fast-check';
import type { JsonSchema } from './openapi';

/** Strings the catalogue knows, so a share of valid requests gets past the catalogue checks too. */
const KNOWN_STRINGS = [
  'data-scientist',
  'software-engineer',
  'vp-engineering',
  'IC3',
  'IC4',
  'M5',
  'E1',
  'US-A',
  'US',
  'GB-London',
  'US-CA-San Francisco',
  'USD',
  'EUR',
  'engineering',
  '2025-01-19',
];

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  const example = typeof schema.example === 'string' ? [schema.example] : [];
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...example, ...KNOWN_STRINGS) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) },
  );
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const example = typeof schema.example === 'number' ? schema.example : undefined;
  const min = schema.minimum ?? (example !== undefined && example > 0 ? 0 : -1000);
  const max = schema.maximum ?? (example !== undefined ? Math.max(example * 2, 1) : 1000);
  const cents = fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) });
  return fc.oneof(
    ...(example !== undefined ? [fc.constant(example)] : []),
    fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
    cents.map((c) => c / 100),
  );
}

/**
 * Values that satisfy `schema` as documented: types, enums, required properties, bounds, with the
 * documented examples often, so many requests are valid all the way through.
 */
export function valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const nullable = schema.nullable ? [fc.constant(null)] : [];
  const plain = (): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return stringArbitrary(schema);
      case 'number':
      case 'integer':
        return numberArbitrary(schema);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueOf(schema.items ?? {}, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        });
      case 'object':
        return objectOf(schema, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  return nullable.length ? fc.oneof(plain(), ...nullable) : plain();
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    if (schema.example !== undefined) return fc.constant(schema.example);
    return fc.dictionary(fc.constantFrom(...KNOWN_STRINGS), fc.double({ min: 0, max: 0.1 }), {
      maxKeys: 3,
    });
  }
  const required = new Set(schema.required ?? []);
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, valueOf(property, depth + 1)]),
  );
  return fc.record(model, {
    requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
  });
}
