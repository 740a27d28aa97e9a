import type { DocumentBuilder } from '@nestjs/swagger';

export const BEARER_SECURITY_SCHEME = 'bearer';

/** Declares the bearer token in a service's OpenAPI document, so /docs offers "Authorize". */
export function withBearerAuth(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A Rangefinder token carrying one role; `rangefinder tokens` prints one per role.',
      },
      BEARER_SECURITY_SCHEME,
    )
    .addSecurityRequirements(BEARER_SECURITY_SCHEME);
}
