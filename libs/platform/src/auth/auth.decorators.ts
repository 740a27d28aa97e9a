import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from './access-token';
import type { Role } from './role';

export const PUBLIC_ROUTE = 'rangefinder:auth:public';
export const ALLOWED_ROLES = 'rangefinder:auth:roles';

/** Serve this handler or controller without a token (health, metrics); it wins over @Roles. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Only tokens carrying one of these roles may call this handler or controller; otherwise 403.
 * A handler's list replaces its controller's. Without @Roles any valid token is enough.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0)
    throw new Error('@Roles() needs at least one role; use @Public() for open routes');
  return SetMetadata(ALLOWED_ROLES, Object.freeze([...roles]));
}

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
}

export function currentUserOf(context: ExecutionContext): AuthenticatedUser {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  // Reaching here without a user means a @Public() handler asked for one: a bug, not a 401.
  if (!user) throw new Error('@CurrentUser() is only available on routes that require a token');
  return user;
}

/** The `{ subject, role }` of the verified token. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  currentUserOf(context),
);
