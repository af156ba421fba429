import { Inject, Injectable } from '@nestjs/common';
import { type AccessTokenVerificationSettings, SSO_GUARD_SETTINGS, TokenRejectedError, type VerifiedAccessToken, type VerifiedClaims, verifyAccessToken } from '@sso/guard';
import { OAuthClientRegistry, type RegisteredClient } from '../clients/oauth-client-registry.js';

/** RFC 7662 §2.2 for a token this server does not vouch for: nothing more is said, whatever the reason. */
export interface InactiveToken {
  active: false;
}

/** RFC 7662 §2.2 for a live token: its claims, plus the identity claims of a user's token. */
export interface ActiveToken {
  active: true;
  scope: string;
  client_id: string;
  sub: string;
  aud: string[];
  iss: string;
  exp: number;
  iat: number;
  jti: string;
  token_type: 'Bearer';
  email?: string;
  email_verified?: boolean;
  name?: string;
  roles?: string[];
}

export type IntrospectionResponse = InactiveToken | ActiveToken;

const INACTIVE: InactiveToken = { active: false };
const USER_CLAIMS = ['email', 'email_verified', 'name', 'roles'] as const;

/**
 * Token introspection (RFC 7662) for resource servers that would rather ask than verify: a token
 * is active exactly when a service whose audience is one of the calling client's would accept it
 * (§4: a server may tell a caller only about tokens meant for it), checked by the guard's own
 * rules with auth's guard settings (issuer, auth's keys, clock tolerance) and the caller's
 * audiences; and, for an application's token, when that application is not revoked: the one thing
 * introspection knows that a signature cannot.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    @Inject(SSO_GUARD_SETTINGS) private readonly verification: AccessTokenVerificationSettings,
    private readonly clients: OAuthClientRegistry,
  ) {}

  async introspect(token: string, caller: RegisteredClient): Promise<IntrospectionResponse> {
    const verified = await this.verified(token, caller.audiences);
    if (!verified) return INACTIVE;
    const { principal, claims } = verified;
    if (principal.kind === 'client' && !(await this.clients.active(principal.id))) return INACTIVE;
    return activeToken(claims);
  }

  /** The token as the guard verifies it for `audiences`; undefined for any reason it refuses it (§2.2 names none). */
  private async verified(token: string, audiences: string[]): Promise<VerifiedAccessToken | undefined> {
    try {
      return await verifyAccessToken(token, { ...this.verification, audience: audiences });
    } catch (error) {
      if (error instanceof TokenRejectedError) return undefined;
      throw error;
    }
  }
}

/**
 * The answer for a token that verified, from its claims. The guard admits a person's token without
 * `scope` (RFC 9068 §2.2.3); its scopes are then an empty list.
 */
function activeToken(claims: VerifiedClaims): ActiveToken {
  const userClaims = Object.fromEntries(USER_CLAIMS.filter((name) => claims[name] !== undefined).map((name) => [name, claims[name]]));
  return {
    active: true,
    scope: claims.scope ?? '',
    client_id: claims.client_id,
    sub: claims.sub,
    aud: typeof claims.aud === 'string' ? [claims.aud] : claims.aud,
    iss: claims.iss,
    exp: claims.exp,
    iat: claims.iat,
    jti: claims.jti,
    token_type: 'Bearer',
    ...userClaims,
  };
}
