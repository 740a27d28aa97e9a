import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { fieldProblems, type FieldProblem } from '@rangefinder/contracts';
import {
  InputChecksRegistry,
  mergeProblems,
  NOTHING_REFUSED,
  withoutFailedFields,
} from './input-checks';

/** The one 400: `invalid <paths>`, and every field with its problem. */
export function invalidFields(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    message: `invalid ${[...new Set(fields.map((f) => f.path))].join(', ')}`,
    fields,
  });
}

/** The field problems of a 400 the shape stage raised, or undefined for any other error. */
function shapeProblemsOf(error: unknown): FieldProblem[] | undefined {
  if (!(error instanceof BadRequestException)) return undefined;
  return (error.getResponse() as { fields?: FieldProblem[] }).fields;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The HTTP edge's validation in two stages, one answer: class-validator checks the shape, then the
 * input checks registered for the class (catalogue codes, cross-field rules) run on every field
 * whose shape passed. A 400 names every field and its problem from both stages.
 */
export class EdgeValidationPipe extends ValidationPipe {
  constructor(private readonly checks = new InputChecksRegistry()) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => invalidFields(fieldProblems(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    const checks = metatype && this.checks.for(metatype);
    if (!checks) return super.transform(value, metadata);
    let input: object;
    try {
      input = (await super.transform(value, metadata)) as object;
    } catch (error) {
      const shape = shapeProblemsOf(error);
      // A body that is not an object has no field that passed.
      if (!shape || !isRecord(value)) throw error;
      const passed = withoutFailedFields(plainToInstance(metatype, value) as object, shape);
      const refused = new Set(shape.map((p) => p.path));
      throw invalidFields(mergeProblems(shape, checks.problems(passed, refused)));
    }
    const problems = checks.problems(input, NOTHING_REFUSED);
    if (problems.length > 0) throw invalidFields(problems);
    return input;
  }
}

/** class-validator at the HTTP edge, with the service's input checks as its second stage. */
export function edgeValidationPipe(checks?: InputChecksRegistry): ValidationPipe {
  return new EdgeValidationPipe(checks);
}

/** The field problems the edge pipe finds in `body` for a DTO class (none: it would pass). */
export async function edgeProblems(
  metatype: new () => object,
  body: unknown,
  checks?: InputChecksRegistry,
): Promise<FieldProblem[]> {
  try {
    await edgeValidationPipe(checks).transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    const problems = shapeProblemsOf(error);
    if (!problems) throw error;
    return problems;
  }
}
