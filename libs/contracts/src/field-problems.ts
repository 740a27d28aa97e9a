import type { ValidationError } from 'class-validator';
import type { FieldProblem } from './rejections/rejection.v1';

/** Flattens class-validator errors into `{ path, problem }` pairs, e.g. `location.country`: `must be …`. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({
      path,
      problem: problem.startsWith(`${error.property} `)
        ? problem.slice(error.property.length + 1)
        : problem,
    }));
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}
