import type { Type } from '@nestjs/common';
import type { FieldProblem } from '@rangefinder/contracts';

/** An input as far as it passed shape validation: any field, at any depth, may be missing. */
export type Shaped<T> = T extends (infer E)[]
  ? (Shaped<E> | undefined)[]
  : T extends object
    ? { [K in keyof T]?: Shaped<T[K]> }
    : T;

/**
 * The second validation stage of one input class: what its shape cannot say (the catalogue knows
 * the role, the location has a pay zone, min ≤ mid ≤ max). It runs on the fields that passed shape
 * validation — those that failed are absent — so one answer names every problem of a request.
 */
export interface InputChecks<T extends object = object> {
  /** The class it checks; a subclass (a submission extending offer terms) is checked alike. */
  readonly input: Type<T>;
  /**
   * `refused` holds the paths the shape stage refused: an absent optional field may have been
   * refused rather than left out, and a rule that depends on it (base per period) then waits.
   */
  problems(input: Shaped<T>, refused: ReadonlySet<string>): FieldProblem[];
}

export const NOTHING_REFUSED: ReadonlySet<string> = new Set();

/** The input checks of a service, by the class they check. */
export class InputChecksRegistry {
  private readonly byInput = new Map<unknown, InputChecks>();
  private readonly resolved = new Map<unknown, InputChecks | undefined>();

  constructor(checks: readonly InputChecks[] = []) {
    for (const check of checks) {
      if (this.byInput.has(check.input)) {
        throw new Error(`${check.input.name} has two input checks`);
      }
      this.byInput.set(check.input, check);
    }
  }

  /** The checks of `metatype` or of the nearest class it extends. */
  for(metatype: unknown): InputChecks | undefined {
    if (this.resolved.has(metatype)) return this.resolved.get(metatype);
    let found: InputChecks | undefined;
    for (let c = metatype; typeof c === 'function' && !found; c = Object.getPrototypeOf(c)) {
      found = this.byInput.get(c);
    }
    this.resolved.set(metatype, found);
    return found;
  }
}

const segments = (path: string) => path.split('.');

const covers = (failed: string, path: string) => path === failed || path.startsWith(`${failed}.`);

/**
 * Removes every field a shape problem names (`levels.1.min`, `approvals`) from `input`, in place,
 * so the second stage never sees a value of the wrong shape. Array items become holes, keeping
 * the indexes of the others (and so their paths).
 */
export function withoutFailedFields<T extends object>(input: T, problems: FieldProblem[]): T {
  for (const { path } of problems) {
    const keys = segments(path);
    let holder: unknown = input;
    for (const key of keys.slice(0, -1)) {
      holder =
        typeof holder === 'object' && holder !== null
          ? (holder as Record<string, unknown>)[key]
          : undefined;
    }
    if (typeof holder === 'object' && holder !== null) {
      delete (holder as Record<string, unknown>)[keys[keys.length - 1]];
    }
  }
  return input;
}

/**
 * One answer from both stages: the shape problems, then each later problem that is not about a
 * field the shape stage already refused (a field is reported for its shape, never twice).
 */
export function mergeProblems(shape: FieldProblem[], later: FieldProblem[]): FieldProblem[] {
  const seen = new Set(shape.map((p) => `${p.path}\u0000${p.problem}`));
  const merged = [...shape];
  for (const problem of later) {
    const key = `${problem.path}\u0000${problem.problem}`;
    if (seen.has(key) || shape.some((s) => covers(s.path, problem.path))) continue;
    seen.add(key);
    merged.push(problem);
  }
  return merged;
}
