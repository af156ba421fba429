export { BEARER_JWT_STRATEGY } from './access-token.strategy.js';
export type { AuthenticatedUser, Role } from './authenticated-user.js';
export { CurrentUser, Public, Roles } from './decorators.js';
export type { IdentityReply } from './identity.controller.js';
export { JwksKeySource, type JwksKeySourceOptions } from './jwks-key-source.js';
export { type SsoGuardAsyncOptions, SsoGuardModule } from './sso-guard.module.js';
export type { SsoGuardModuleOptions, SsoGuardOptions } from './sso-guard.options.js';
export { TokenRejectedError, type TokenRejectionReason } from './token-rejection.js';
export type { VerificationKeySource } from './verification-key-source.js';
