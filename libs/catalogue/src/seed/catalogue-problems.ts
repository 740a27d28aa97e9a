import type { ValidationError } from 'class-validator';

/** One thing wrong with a catalogue file, located by file name and field path (`aliases[12].role`). */
export interface CatalogueProblem {
  file: string;
  path: string;
  message: string;
}

export class InvalidCatalogueError extends Error {
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(
      `The catalogue is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ` +
        problems.map(describeProblem).join('\n  '),
    );
    this.name = 'InvalidCatalogueError';
  }
}

export function describeProblem(problem: CatalogueProblem): string {
  return `${problem.file} ${problem.path || '(file)'}: ${problem.message}`;
}

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flattens class-validator's error tree into problems with full field paths. */
export function validationProblems(
  file: string,
  errors: readonly ValidationError[],
  parent = '',
): CatalogueProblem[] {
  return errors.flatMap((error) => {
    const path = childPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ file, path, message }));
    return [...own, ...validationProblems(file, error.children ?? [], path)];
  });
}
