import { type DynamicModule, type FactoryProvider, Module, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthenticationGuard } from './authentication.guard.js';
import { BearerTokenStrategy } from './bearer/bearer-token.strategy.js';
import { IdentityController, SessionIdentityController } from './identity.controller.js';
import { IntrospectionStrategy } from './introspection/introspection.strategy.js';
import { VerificationKeysWarmup } from './keys/verification-keys-warmup.js';
import { SameOriginGuard } from './origin/same-origin.guard.js';
import { RolesGuard } from './roles.guard.js';
import { SessionCookieStrategy } from './session-cookie/session-cookie.strategy.js';
import type { SessionOptions } from './session-cookie/session-options.js';
import { SSO_GUARD_SETTINGS, settingsFrom, type SsoGuardModuleOptions, type SsoGuardOptions, type SsoGuardSettings } from './sso-guard.options.js';
import { TokenCookieStrategy } from './token-cookie/token-cookie.strategy.js';

/** `SsoGuardModule.forRootAsync`: options computed from other providers (config, in-process keys). */
export interface SsoGuardAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: any[]) => SsoGuardOptions | Promise<SsoGuardOptions>;
  /** Serve `GET /me`; decided here because routes must be known before the factory runs. */
  identityRoute?: boolean;
}

/** The settings every resource service reads at boot (see `resourceServiceSettings` in @sso/config). */
export interface ResourceServiceSettings {
  AUTH_ISSUER: string;
  JWKS_URI: string;
  ALLOWED_ORIGINS: string[];
  SESSION_MODE: 'per-server' | 'shared-store';
  AUTH_DATABASE_URL?: string;
  /** `true`: fetch auth's keys over plain http from a host that is not loopback (compose's `http://auth:3000`). */
  AUTH_ALLOW_HTTP?: boolean;
  /** Least seconds between two JWKS fetches (`jwksCooldownSeconds`). */
  JWKS_COOLDOWN?: number;
  /** Verified tokens to remember (`verifiedTokenCache.maxEntries`); 0 turns the cache off. */
  VERIFIED_TOKEN_CACHE?: number;
  /** `introspection`: ask auth about every Bearer token (`introspection` options); default `local`. */
  TOKEN_VALIDATION?: 'local' | 'introspection';
  /** auth's introspection endpoint (`${AUTH_URL}/oauth/introspect`); needed for introspection. */
  INTROSPECTION_URI?: string;
  INTROSPECTION_CLIENT_ID?: string;
  INTROSPECTION_CLIENT_SECRET?: string;
}

/**
 * Protects every route of the application that imports it: the authentication guard (every way in:
 * Bearer token, verified here or introspected at auth, token cookie, session cookie; then what the
 * route admits: `@Scopes`, applications), then the roles guard, both global (`APP_GUARD`).
 * Options are validated when the module is created. Exports {@link SameOriginGuard} for routes
 * that a cookie authenticates outside the guard.
 */
@Module({})
export class SsoGuardModule {
  static forRoot({ identityRoute = false, ...options }: SsoGuardModuleOptions): DynamicModule {
    const settings = settingsFrom(options);
    const controllers = [identityRoute && IdentityController, settings.sessionStore && SessionIdentityController].filter(isController);
    return SsoGuardModule.withSettings({ provide: SSO_GUARD_SETTINGS, useValue: settings }, [], controllers);
  }

  /**
   * The guard as shop, helpdesk and forum use it: tokens for `audience` from auth, sessions as
   * `SESSION_MODE` says, `GET /me` and `GET /session/me`.
   */
  static forResourceService(audience: string, settings: ResourceServiceSettings): DynamicModule {
    const sessions: SessionOptions =
      settings.SESSION_MODE === 'shared-store' ? { mode: 'shared-store', authDatabaseUrl: settings.AUTH_DATABASE_URL! } : { mode: 'per-server' };
    return SsoGuardModule.forRoot({
      audience,
      issuer: settings.AUTH_ISSUER,
      jwksUri: settings.JWKS_URI,
      allowInsecureJwksUri: settings.AUTH_ALLOW_HTTP,
      jwksCooldownSeconds: settings.JWKS_COOLDOWN,
      verifiedTokenCache: verifiedTokenCacheOf(settings.VERIFIED_TOKEN_CACHE),
      allowedOrigins: settings.ALLOWED_ORIGINS,
      sessions,
      introspection: introspectionOf(settings),
      identityRoute: true,
    });
  }

  static forRootAsync({ imports = [], inject = [], useFactory, identityRoute = false }: SsoGuardAsyncOptions): DynamicModule {
    const settings: FactoryProvider = {
      provide: SSO_GUARD_SETTINGS,
      inject,
      useFactory: async (...args: unknown[]) => settingsFrom(await useFactory(...args)),
    };
    return SsoGuardModule.withSettings(settings, imports, identityRoute ? [IdentityController] : []);
  }

  private static withSettings(settings: Provider, imports: ModuleMetadata['imports'], controllers: Type[]): DynamicModule {
    return {
      module: SsoGuardModule,
      imports,
      controllers,
      providers: [
        settings,
        BEARER_STRATEGY,
        TokenCookieStrategy,
        SessionCookieStrategy,
        VerificationKeysWarmup,
        SameOriginGuard,
        // Nest runs global guards in the order they are registered: roles are checked after authentication.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [SSO_GUARD_SETTINGS, SameOriginGuard],
    };
  }
}

/**
 * The Bearer way in: verified here, or introspected at auth in its place when the settings say so.
 * Only the one chosen is created, so only it is registered with passport.
 */
const BEARER_STRATEGY: FactoryProvider = {
  provide: Symbol('BearerStrategy'),
  inject: [SSO_GUARD_SETTINGS],
  useFactory: (settings: SsoGuardSettings) => (settings.introspection ? new IntrospectionStrategy(settings) : new BearerTokenStrategy(settings)),
};

function introspectionOf(settings: ResourceServiceSettings): SsoGuardOptions['introspection'] {
  if (settings.TOKEN_VALIDATION !== 'introspection') return undefined;
  return {
    endpoint: settings.INTROSPECTION_URI!,
    clientId: settings.INTROSPECTION_CLIENT_ID!,
    clientSecret: settings.INTROSPECTION_CLIENT_SECRET!,
  };
}

function verifiedTokenCacheOf(entries: number | undefined): SsoGuardOptions['verifiedTokenCache'] {
  if (entries === undefined) return undefined;
  return entries === 0 ? false : { maxEntries: entries };
}

function isController(value: Type | false | undefined): value is Type {
  return typeof value === 'function';
}
