import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AccessTokens, PostgresThrottlerStorage } from '@rangefinder/platform';
import { bearerToken } from '../auth/jwt-auth.guard';

/**
 * Requests are counted per verified token subject (one client, one budget, however its header is
 * spelled), or per address when the token is missing or invalid, so one noisy integration cannot
 * starve the others and a flood of bad tokens is limited too. It runs before authentication.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  @Inject(AccessTokens) private readonly tokens!: AccessTokens;

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const token = bearerToken((req.headers as Record<string, unknown>).authorization);
    if (token) {
      try {
        return Promise.resolve(`subject:${this.tokens.verify(token).subject}`);
      } catch {
        // an invalid token counts against its address
      }
    }
    return Promise.resolve(`address:${typeof req.ip === 'string' ? req.ip : 'unknown'}`);
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
            // Named 'default' so the headers are the standard Retry-After and X-RateLimit-*.
            throttlers: [{ name: 'default', ttl: 1000, limit: requestsPerSecond }],
            storage: new PostgresThrottlerStorage(dataSource, schema),
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ClientThrottlerGuard }],
    };
  }
}
