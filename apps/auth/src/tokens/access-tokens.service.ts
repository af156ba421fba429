import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { SigningKeys } from '../keys/signing-keys.service.js';
import type { PublicUser } from '../users/user.js';

/** The OAuth client that first-party logins (`/auth/login`) are issued to. */
export const FIRST_PARTY_CLIENT_ID = 'sso-web';
const USER_SCOPE = 'openid profile email';
/**
 * OpenID Connect Core §5.1: whether the address was proven to belong to the user. No verification
 * flow exists yet, so never: services must not treat `email` as a proven way to reach the user.
 */
const EMAIL_VERIFIED = false;

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/**
 * Signs access tokens in the RFC 9068 profile: RS256 with the active key's `kid`, `typ: at+jwt`
 * (§2.1), and the required `iss`, `exp`, `aud`, `sub`, `client_id`, `iat`, `jti` (§2.2) plus the
 * identity claims the services need so that they never call auth per request.
 */
@Injectable()
export class AccessTokens {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly keys: SigningKeys,
  ) {}

  issue(user: PublicUser, clientId = FIRST_PARTY_CLIENT_ID): IssuedAccessToken {
    const claims = {
      client_id: clientId,
      scope: USER_SCOPE,
      email: user.email,
      email_verified: EMAIL_VERIFIED,
      name: user.name,
      roles: user.roles,
    };
    return this.sign(claims, user.id, this.config.ACCESS_TOKEN_AUDIENCE);
  }

  /**
   * An application's own token (client credentials grant, RFC 6749 §4.4): RFC 9068 §2.2 has `sub`
   * name the client itself when no user is involved, so `sub` equals `client_id`, and there are no
   * identity claims. `scopes` and `audiences` are what the request narrowed its registration to.
   */
  issueForClient(clientId: string, scopes: readonly string[], audiences: readonly string[]): IssuedAccessToken {
    return this.sign({ client_id: clientId, scope: scopes.join(' ') }, clientId, [...audiences]);
  }

  private sign(claims: Record<string, unknown>, subject: string, audience: string[]): IssuedAccessToken {
    const { kid, privateKey } = this.keys.signingKey();
    const token = jwt.sign(claims, privateKey, {
      algorithm: 'RS256',
      keyid: kid,
      header: { alg: 'RS256', typ: 'at+jwt' },
      issuer: this.config.ISSUER,
      subject,
      audience,
      expiresIn: this.config.ACCESS_TOKEN_TTL,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: this.config.ACCESS_TOKEN_TTL };
  }
}
