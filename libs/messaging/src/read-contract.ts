import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  RejectionCode,
  fieldProblems,
  jsonHazards,
  type FieldProblem,
  type RejectionReason,
} from '@rangefinder/contracts';
import type { Decoded } from './apply-chunk-once';

/**
 * A message value as an instance of its contract class, validated, or the reason it is not one.
 * `check` adds what one value cannot say about itself (that it matches the message key, say).
 */
export function readContract<T extends object>(
  value: Buffer,
  contract: ClassConstructor<T>,
  schema: string,
  check: (instance: T) => FieldProblem[] = () => [],
): Decoded<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return {
      reject: {
        code: RejectionCode.InvalidJson,
        message: `not JSON: ${(error as Error).message}`,
        fields: [],
      },
    };
  }
  if (typeof parsed !== 'object' || (parsed as { schema?: unknown } | null)?.schema !== schema) {
    return {
      reject: {
        code: RejectionCode.SchemaViolation,
        message: `expected schema "${schema}"`,
        fields: [{ path: 'schema', problem: `must be "${schema}"` }],
      },
    };
  }
  // Refused before class-transformer meets them: a nested `constructor` key made it throw, and
  // deep nesting overflowed its recursion — a thrown error fails the chunk forever.
  const hazards = jsonHazards(parsed);
  if (hazards.length > 0) return violation(schema, hazards);
  const instance = plainToInstance(contract, parsed as object);
  const problems = [...fieldProblems(validateSync(instance)), ...check(instance)];
  return problems.length > 0 ? violation(schema, problems) : { ok: instance };
}

function violation(schema: string, problems: FieldProblem[]): { reject: RejectionReason } {
  const paths = [...new Set(problems.map((p) => p.path))].join(', ');
  return {
    reject: {
      code: RejectionCode.SchemaViolation,
      message: `value violates ${schema} at: ${paths}`,
      fields: problems,
    },
  };
}
