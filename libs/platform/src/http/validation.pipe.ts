import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { fieldProblems } from '@rangefinder/contracts';

/** class-validator at the HTTP edge; a 400 names every field and its problem. */
export function edgeValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = fieldProblems(errors);
      return new BadRequestException({
        message: `invalid ${[...new Set(fields.map((f) => f.path))].join(', ')}`,
        fields,
      });
    },
  });
}
