import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TrustProxySetting } from './client-ip.js';
import { ClientAuthenticationThrottle, LOGIN_FAILURES, LoginThrottle } from './login-throttle.js';
import { RequestLimitGuard } from './request-limit.guard.js';
import { REQUEST_LIMITS, RequestLimiter } from './request-limits.js';
import { ThrottleStore } from './throttle-store.js';

/**
 * Throttling at auth, as the contract sets it: per-IP limits on the routes marked
 * `@LimitRequests`, and the failed-login lockout on those marked `@ThrottleFailedLogins` (and on
 * applications' client authentication, ClientAuthenticationThrottle), counted
 * in auth's database so that every replica shares the counts. Also tells express which proxy
 * (`TRUST_PROXY`) may name the client.
 */
@Module({
  providers: [
    ThrottleStore,
    TrustProxySetting,
    { provide: RequestLimiter, inject: [ThrottleStore], useFactory: (store: ThrottleStore) => new RequestLimiter(store, REQUEST_LIMITS) },
    { provide: LoginThrottle, inject: [ThrottleStore], useFactory: (store: ThrottleStore) => new LoginThrottle(store, LOGIN_FAILURES) },
    {
      provide: ClientAuthenticationThrottle,
      inject: [ThrottleStore],
      useFactory: (store: ThrottleStore) => new ClientAuthenticationThrottle(store, LOGIN_FAILURES),
    },
    { provide: APP_GUARD, useClass: RequestLimitGuard },
  ],
  // For LoginThrottleInterceptor, which Nest builds in the module of the controllers it decorates.
  exports: [LoginThrottle, ClientAuthenticationThrottle],
})
export class ThrottlingModule {}
