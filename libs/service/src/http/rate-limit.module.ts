import { createHash } from 'node:crypto';
import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { PostgresThrottlerStorage } from '@rangefinder/platform';

/**
 * Requests are counted per bearer token (one client, one budget), or per address without one,
 * so one noisy integration cannot starve the others behind the same proxy.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const headers = req.headers as Record<string, string | undefined>;
    const authorization = headers.authorization;
    if (authorization)
      return Promise.resolve(createHash('sha256').update(authorization).digest('base64url'));
    return Promise.resolve(typeof req.ip === 'string' ? req.ip : 'unknown');
  }
}

/**
 * A fixed one-second window per client, counted in the service's schema so the limit holds across
 * all its replicas; over it, 429 in the one error shape.
 */
@Module({})
export class RateLimitModule {
  static forRoot(requestsPerSecond: number, schema: string): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            throttlers: [{ name: 'per-second', ttl: 1000, limit: requestsPerSecond }],
            storage: new PostgresThrottlerStorage(dataSource, schema),
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ClientThrottlerGuard }],
    };
  }
}
