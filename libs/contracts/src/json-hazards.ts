import type { FieldProblem } from './rejections/rejection.v1';

/** Far deeper than any contract nests; deeper input only exhausts a recursive walker's stack. */
export const MAX_JSON_DEPTH = 64;

/** Keys that name an object's prototype machinery, never a contract field. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const joined = (path: string, key: string) => (path ? `${path}.${key}` : key);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL cannot store (NUL; UTF-16 halves that are no character), or undefined. */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (no character)';
  return undefined;
}

/**
 * What no contract class can read or store safely in parsed JSON: nesting deeper than `maxDepth`
 * (the class-transformer/class-validator walk is recursive: 5,000 levels overflow the stack),
 * prototype keys (class-transformer takes a nested `constructor` for the value's class and
 * throws), and text PostgreSQL refuses (a NUL or a lone surrogate in a json parameter fails the
 * whole transaction). Walked iteratively, so the check itself cannot overflow.
 */
export function jsonHazards(value: unknown, maxDepth = MAX_JSON_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === 'string') {
      const problem = textProblem(next.value);
      if (problem) problems.push({ path: next.path, problem });
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= maxDepth) {
      return [...problems, { path: next.path, problem: `nests deeper than ${maxDepth} levels` }];
    }
    for (const key of Object.keys(next.value)) {
      const path = joined(next.path, key);
      const keyProblem = RESERVED_KEYS.has(key) ? 'is a reserved name' : textProblem(key);
      if (keyProblem) problems.push({ path, problem: keyProblem });
      else
        pending.push({
          value: (next.value as Record<string, unknown>)[key],
          path,
          depth: next.depth + 1,
        });
    }
  }
  return problems;
}
