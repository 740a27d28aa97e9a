import { Transform } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';

/**
 * Signs tokens when AUTH_JWT_SECRET is unset and NODE_ENV is not `production`. The value is
 * public (it is in this file), so anyone can forge tokens for a stack that uses it. It exists
 * only so the local stack and `rangefinder tokens` work without setup.
 */
export const DEVELOPMENT_JWT_SECRET =
  'rangefinder-development-only-jwt-secret-never-use-in-production';

export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

function NotTheDevelopmentSecretInProduction(): PropertyDecorator {
  return ValidateBy({
    name: 'notTheDevelopmentSecretInProduction',
    validator: {
      validate: (value, args) =>
        !isProduction(args?.object as AuthEnv) || value !== DEVELOPMENT_JWT_SECRET,
      defaultMessage: () =>
        'must be set to your own secret when NODE_ENV=production (the built-in development secret is public)',
    },
  });
}

function emptyAsUnset({ value }: { value: unknown }): unknown {
  return value === '' ? undefined : value;
}

/**
 * Bearer-token settings (DOMAIN §5), loaded with `loadConfig(AuthEnv)` by every service and by
 * `rangefinder tokens`; both sides must see the same values.
 */
export class AuthEnv {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** HS256 key; RFC 7518 §3.2 asks for at least 256 bits. */
  @IsString()
  @MinLength(32, {
    message: 'AUTH_JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key)',
  })
  @NotTheDevelopmentSecretInProduction()
  AUTH_JWT_SECRET: string = DEVELOPMENT_JWT_SECRET;

  @Matches(/^\S{1,200}$/, { message: 'AUTH_JWT_ISSUER must be 1-200 characters without spaces' })
  AUTH_JWT_ISSUER: string = 'rangefinder';

  /** When set, tokens are issued for and must name this audience. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: 'AUTH_JWT_AUDIENCE must be 1-200 characters without spaces' })
  AUTH_JWT_AUDIENCE?: string;

  /** Lifetime of tokens issued by `rangefinder tokens` unless --ttl says otherwise. */
  @IsInt()
  @Min(60)
  @Max(MAX_TOKEN_TTL_SECONDS)
  AUTH_TOKEN_TTL_SECONDS: number = DEFAULT_TOKEN_TTL_SECONDS;
}

export function isProduction(env: Pick<AuthEnv, 'NODE_ENV'>): boolean {
  return env.NODE_ENV === 'production';
}

export function usesDevelopmentSecret(env: Pick<AuthEnv, 'AUTH_JWT_SECRET'>): boolean {
  return env.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET;
}
