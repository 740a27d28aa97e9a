import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { fieldProblems, jsonHazards, type FieldProblem } from '@rangefinder/contracts';

/** The one 400: `invalid <paths>`, and every field with its problem. */
export function invalidFields(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    message: `invalid ${[...new Set(fields.map((f) => f.path))].join(', ')}`,
    fields,
  });
}

/**
 * Nest's pipe walks the input recursively (it strips prototype keys, then transforms): a body
 * nested thousands of levels deep overflowed the stack into a 500. Hazards are refused first.
 */
class EdgeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const hazards = jsonHazards(value);
    if (hazards.length > 0) throw invalidFields(hazards);
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** class-validator at the HTTP edge; a 400 names every field and its problem. */
export function edgeValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
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
