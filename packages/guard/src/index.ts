export { type AccessTokenDetails, type AuthenticatedUser, type CredentialKind, type Role, ROLES } from './authenticated-user.js';
export { AuthenticationGuard } from './authentication.guard.js';
export { ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE, SESSION_COOKIE } from './cookies/cookie-names.js';
export { readCookie } from './cookies/read-cookie.js';
export {
  ALLOWS_APPLICATIONS,
  AllowApplications,
  AUTHENTICATE_WITH,
  AuthenticateWith,
  CurrentClient,
  CurrentPrincipal,
  CurrentUser,
  IS_PUBLIC,
  Public,
  REQUIRED_ROLES,
  REQUIRED_SCOPES,
  Roles,
  Scopes,
} from './decorators.js';
export type { ClientIdentityReply, IdentityReply, UserIdentityReply } from './identity.controller.js';
export { JwksKeySource, type JwksKeySourceOptions } from './keys/jwks-key-source.js';
export type { VerificationKeySource } from './keys/verification-key-source.js';
export { guardMetricsRegistry } from './metrics/guard-metrics.js';
export { VerifiedTokenCache } from './access-token/verified-token-cache.js';
export type { AccessTokenVerificationSettings } from './access-token/access-token-verification.js';
export { type VerifiedAccessToken, type VerifiedClaims, verifyAccessToken } from './access-token/verify-access-token.js';
export { SameOriginGuard } from './origin/same-origin.guard.js';
export type { AuthenticatedClient, Principal } from './principal.js';
export { ACCESS_REFUSAL_DESCRIPTIONS, type AccessRefusalReason } from './rejections/access-refusal.js';
export { TokenRejectedError, type TokenRejectionReason } from './rejections/token-rejection.js';
export type { SessionOptions } from './session-cookie/session-options.js';
export { PerServerSessionStore } from './session-cookie/per-server-session-store.js';
export { type ResourceServiceSettings, type SsoGuardAsyncOptions, SsoGuardModule } from './sso-guard.module.js';
export { SSO_GUARD_SETTINGS, type SsoGuardModuleOptions, type SsoGuardOptions, type SsoGuardSettings } from './sso-guard.options.js';
export { ClientCredentialsToken, ClientCredentialsTokenError, type ClientCredentialsFailure, type ClientCredentialsTokenOptions } from './client-credentials/client-credentials-token.js';
export { describeFetchFailure } from './client-credentials/fetch-failure.js';
