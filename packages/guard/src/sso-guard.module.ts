import { type DynamicModule, type FactoryProvider, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard } from './access-token.guard.js';
import { AccessTokenStrategy } from './access-token.strategy.js';
import { IdentityController } from './identity.controller.js';
import { RolesGuard } from './roles.guard.js';
import { VerificationKeysWarmup } from './verification-keys-warmup.js';
import { SSO_GUARD_SETTINGS, settingsFrom, type SsoGuardModuleOptions, type SsoGuardOptions } from './sso-guard.options.js';

/** `SsoGuardModule.forRootAsync`: options computed from other providers (config, in-process keys). */
export interface SsoGuardAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: any[]) => SsoGuardOptions | Promise<SsoGuardOptions>;
  /** Serve `GET /me`; decided here because routes must be known before the factory runs. */
  identityRoute?: boolean;
}

/**
 * Protects every route of the application that imports it: the access token guard, then the roles
 * guard, both global (`APP_GUARD`). Options are validated when the module is created.
 */
@Module({})
export class SsoGuardModule {
  static forRoot({ identityRoute, ...options }: SsoGuardModuleOptions): DynamicModule {
    const settings = settingsFrom(options);
    return SsoGuardModule.withSettings({ provide: SSO_GUARD_SETTINGS, useValue: settings }, [], identityRoute);
  }

  static forRootAsync({ imports = [], inject = [], useFactory, identityRoute }: SsoGuardAsyncOptions): DynamicModule {
    const settings: FactoryProvider = {
      provide: SSO_GUARD_SETTINGS,
      inject,
      useFactory: async (...args: unknown[]) => settingsFrom(await useFactory(...args)),
    };
    return SsoGuardModule.withSettings(settings, imports, identityRoute);
  }

  private static withSettings(settings: Provider, imports: ModuleMetadata['imports'], identityRoute = false): DynamicModule {
    return {
      module: SsoGuardModule,
      imports,
      controllers: identityRoute ? [IdentityController] : [],
      providers: [
        settings,
        AccessTokenStrategy,
        VerificationKeysWarmup,
        // Nest runs global guards in the order they are registered: roles are checked after the token.
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
