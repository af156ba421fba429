import { type DynamicModule, Logger, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenGuard } from './access-token.guard.js';
import { AccessTokenStrategy } from './access-token.strategy.js';
import { IdentityController } from './identity.controller.js';
import { JwksKeySource } from './jwks-key-source.js';
import { RolesGuard } from './roles.guard.js';
import { type ResolvedSsoGuardOptions, resolveSsoGuardOptions, SSO_GUARD_OPTIONS, type SsoGuardOptions } from './sso-guard.options.js';
import { VERIFICATION_KEY_SOURCE } from './verification-key-source.js';

export interface SsoGuardAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: Array<string | symbol | Function>;
  useFactory: (...args: any[]) => SsoGuardOptions | Promise<SsoGuardOptions>;
  /** As {@link SsoGuardOptions.identityRoute}; known up front because it adds a controller. */
  identityRoute?: boolean;
}

/**
 * Makes every route of a service require auth's access token: registers the Bearer strategy, the
 * global {@link AccessTokenGuard} and {@link RolesGuard}, and where the keys come from.
 */
@Module({})
export class SsoGuardModule {
  static forRoot(options: SsoGuardOptions): DynamicModule {
    const resolved = resolveSsoGuardOptions(options);
    return SsoGuardModule.build({ provide: SSO_GUARD_OPTIONS, useValue: resolved }, [], options.identityRoute);
  }

  static forRootAsync(options: SsoGuardAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: SSO_GUARD_OPTIONS,
      inject: options.inject ?? [],
      useFactory: async (...args: unknown[]) => resolveSsoGuardOptions(await options.useFactory(...args)),
    };
    return SsoGuardModule.build(provider, options.imports ?? [], options.identityRoute);
  }

  private static build(optionsProvider: Provider, imports: NonNullable<DynamicModule['imports']>, identityRoute = false): DynamicModule {
    return {
      module: SsoGuardModule,
      imports: [PassportModule, ...imports],
      controllers: identityRoute ? [IdentityController] : [],
      providers: [
        optionsProvider,
        {
          provide: VERIFICATION_KEY_SOURCE,
          inject: [SSO_GUARD_OPTIONS],
          useFactory: (resolved: ResolvedSsoGuardOptions) =>
            resolved.keySource ??
            new JwksKeySource({ jwksUri: resolved.jwksUri!, cooldownSeconds: resolved.jwksCooldownSeconds, logger: new Logger(JwksKeySource.name) }),
        },
        AccessTokenStrategy,
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [SSO_GUARD_OPTIONS, VERIFICATION_KEY_SOURCE],
    };
  }
}
