import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { configModule, loggingModule } from '@sso/bootstrap';
import { SsoGuardModule } from '@sso/guard';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { ClientsController } from './clients/clients.controller.js';
import { OAuthClientRegistry } from './clients/oauth-client-registry.js';
import { AUTH_CONFIG, type AuthConfig } from './config.js';
import { DemoData } from './demo/demo-data.js';
import { DemoPageController } from './demo-page/demo-page.controller.js';
import { DiscoveryController } from './discovery/discovery.controller.js';
import { KeysController } from './keys/keys.controller.js';
import { KeysModule } from './keys/keys.module.js';
import { SigningKeys } from './keys/signing-keys.service.js';
import { ClientAuthenticator } from './oauth/client-authentication.js';
import { ClientCredentialsGrant } from './oauth/client-credentials-grant.js';
import { IntrospectionController } from './oauth/introspection.controller.js';
import { OAuthController } from './oauth/oauth.controller.js';
import { TokenIntrospection } from './oauth/token-introspection.js';
import { PasswordHasher } from './passwords/password-hasher.js';
import { PrismaModule } from './prisma/prisma.module.js';
import { PrismaService } from './prisma/prisma.service.js';
import { SessionController } from './sessions/session.controller.js';
import { SessionMiddleware } from './sessions/session.middleware.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { ThrottlingModule } from './throttling/throttling.module.js';
import { TokenCookieController } from './token-cookies/token-cookie.controller.js';
import { TokenCookies } from './token-cookies/token-cookies.js';
import { AccessTokens } from './tokens/access-tokens.service.js';
import { RefreshTokens } from './tokens/refresh-tokens.service.js';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configModule(AUTH_CONFIG, config),
        loggingModule({ service: 'auth', level: config.LOG_LEVEL, format: config.LOG_FORMAT }),
        PrismaModule,
        KeysModule,
        SessionsModule,
        // Before the guard module: global guards run in the order their modules are imported, so a
        // request is counted against its limits before authentication spends anything on it.
        ThrottlingModule,
        // auth checks its own tokens (GET /auth/me) with the shared guard, reading its keys in-process.
        SsoGuardModule.forRootAsync({
          imports: [KeysModule],
          inject: [SigningKeys],
          useFactory: (keys: SigningKeys) => ({
            audience: config.ACCESS_TOKEN_AUDIENCE,
            issuer: config.ISSUER,
            keySource: keys,
            realm: 'auth',
            allowedOrigins: config.ALLOWED_ORIGINS,
          }),
        }),
      ],
      controllers: [
        AuthController,
        TokenCookieController,
        SessionController,
        OAuthController,
        IntrospectionController,
        ClientsController,
        DiscoveryController,
        KeysController,
        DemoPageController,
      ],
      providers: [
        AuthService,
        PasswordHasher,
        AccessTokens,
        RefreshTokens,
        TokenCookies,
        DemoData,
        { provide: OAuthClientRegistry, inject: [PrismaService], useFactory: (prisma: PrismaService) => new OAuthClientRegistry(prisma) },
        ClientAuthenticator,
        ClientCredentialsGrant,
        TokenIntrospection,
      ],
    };
  }

  /** Sessions are loaded only where they are used, `/auth/session/*`: no other route touches the store. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SessionMiddleware).forRoutes(SessionController);
  }
}
