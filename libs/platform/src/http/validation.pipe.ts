import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { fieldProblems, type FieldProblem } from '@rangefinder/contracts';

/** The one 400: `invalid <paths>`, and every field with its problem. */
export function invalidFields(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    message: `invalid ${[...new Set(fields.map((f) => f.path))].join(', ')}`,
    fields,
  });
}

/** class-validator at the HTTP edge; a 400 names every field and its problem. */
export function edgeValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidFields(fieldProblems(errors)),
  });
}

/** The field problems the edge pipe finds in `body` for a DTO class (none: it would pass). */
export async function edgeProblems(
  metatype: new () => object,
  body: unknown,
): Promise<FieldProblem[]> {
  try {
    await edgeValidationPipe().transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { fields: FieldProblem[] }).fields;
  }
}
