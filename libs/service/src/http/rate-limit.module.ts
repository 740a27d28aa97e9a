import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AccessTokens, InvalidTokenError, PostgresThrottlerStorage } from '@rangefinder/platform';
import { bearerToken, verifyBearer } from '../auth/jwt-auth.guard';

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
    const user = token && verifyBearer(req, token, this.tokens);
    // An invalid token counts against its address.
    if (user && !(user instanceof InvalidTokenError)) {
      return Promise.resolve(`subject:${user.subject}`);
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
