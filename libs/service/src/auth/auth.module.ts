import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokens, AuthEnv, usesDevelopmentSecret } from '@rangefinder/platform';
import { JwtAuthGuard } from './jwt-auth.guard';

/**
 * Bearer-token authentication for a whole service: import once with `AuthModule.forRoot(env)`.
 * Every HTTP route then needs a token unless marked @Public(); @Roles narrows who may call it.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(env: AuthEnv): DynamicModule {
    if (usesDevelopmentSecret(env))
      new Logger('Auth').warn(
        'AUTH_JWT_SECRET is not set: tokens are signed with the public development secret',
      );
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AuthEnv, useValue: env },
        { provide: AccessTokens, useValue: new AccessTokens(env) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AuthEnv, AccessTokens],
    };
  }
}
