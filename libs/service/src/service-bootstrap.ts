import { Logger, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ErrorShapeFilter,
  InputChecksRegistry,
  edgeValidationPipe,
  withBearerAuth,
} from '@rangefinder/platform';

/**
 * Every service's HTTP edge: the one error shape, class-validator with the service's input checks
 * as its second stage, OpenAPI at /docs.
 */
export function setUpHttpEdge(app: INestApplication, title: string, description: string): void {
  app.useGlobalFilters(new ErrorShapeFilter(app.getHttpAdapter()));
  app.useGlobalPipes(edgeValidationPipe(app.get(InputChecksRegistry, { strict: false })));
  const docs = withBearerAuth(new DocumentBuilder())
    .setTitle(title)
    .setDescription(description)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, docs));
}

/**
 * SIGTERM/SIGINT: stop fetching, let the chunk in flight commit, leave the group, stop the relay,
 * close the database — then exit 0, so an orchestrator sees a clean stop.
 */
export function drainOnSignals(app: INestApplication, name: string): void {
  const logger = new Logger(name);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: draining`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(
            `shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exit(1);
        },
      );
    });
  }
}

/** Runs a service's bootstrap; a failure logs one line and exits 1. */
export function runService(name: string, bootstrap: () => Promise<void>): void {
  bootstrap().catch((error) => {
    new Logger(name).error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
