import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import {
  ALLOWED_ROLES,
  AccessTokens,
  InvalidTokenError,
  PUBLIC_ROUTE,
  type AuthenticatedRequest,
  type AuthenticatedUser,
  type Role,
} from '@rangefinder/platform';

const BEARER = /^Bearer +(\S+) *$/i;

/** The token of an `Authorization: Bearer <token>` header (any case, any spaces), if there is one. */
export function bearerToken(header: unknown): string | undefined {
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}

const verified = new WeakMap<object, AuthenticatedUser | InvalidTokenError>();

/**
 * The request's bearer token verified once per request, however many guards ask (the rate limit
 * runs first and keys on the subject; this guard then authenticates with the same result).
 */
export function verifyBearer(
  request: object,
  token: string,
  tokens: AccessTokens,
): AuthenticatedUser | InvalidTokenError {
  let result = verified.get(request);
  if (!result) {
    try {
      result = tokens.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      result = error;
    }
    verified.set(request, result);
  }
  return result;
}

const REALM = 'Bearer realm="rangefinder"';

/**
 * The app-wide guard (registered by AuthModule): every HTTP route needs a valid bearer token
 * (401) carrying an allowed role (403), unless it is @Public().
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // Global guards also run for Kafka handlers; those are trusted via the broker, not bearer tokens.
    if (context.getType() !== 'http') return true;
    if (this.metadata<boolean>(PUBLIC_ROUTE, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = this.authenticate(request, context);
    this.authorize(request.user, context);
    return true;
  }

  private authenticate(
    request: AuthenticatedRequest,
    context: ExecutionContext,
  ): AuthenticatedUser {
    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      this.challenge(context, REALM);
      throw new UnauthorizedException('missing bearer token: send Authorization: Bearer <token>');
    }
    const token = bearerToken(header);
    if (!token) {
      this.challenge(context, `${REALM}, error="invalid_request"`);
      throw new UnauthorizedException('the Authorization header must be Bearer <token>');
    }
    const user = verifyBearer(request, token, this.tokens);
    if (!(user instanceof InvalidTokenError)) return user;
    this.challenge(context, `${REALM}, error="invalid_token"`);
    throw new UnauthorizedException(user.message);
  }

  private authorize(user: AuthenticatedUser, context: ExecutionContext): void {
    const allowed = this.metadata<readonly Role[]>(ALLOWED_ROLES, context);
    if (!allowed || allowed.includes(user.role)) return;
    this.challenge(context, `${REALM}, error="insufficient_scope"`);
    throw new ForbiddenException(
      `role ${user.role} may not do this; allowed: ${allowed.join(', ')}`,
    );
  }

  private metadata<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T | undefined>(key, [
      context.getHandler(),
      context.getClass(),
    ]);
  }

  /** RFC 6750 §3: tells clients which scheme to use and why a token was refused. */
  private challenge(context: ExecutionContext, value: string): void {
    this.adapterHost.httpAdapter.setHeader(
      context.switchToHttp().getResponse(),
      'WWW-Authenticate',
      value,
    );
  }
}
