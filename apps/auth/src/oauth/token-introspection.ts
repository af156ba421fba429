import { Inject, Injectable } from '@nestjs/common';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { OAuthClientRegistry, type RegisteredClient } from '../clients/oauth-client-registry.js';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { SigningKeys } from '../keys/signing-keys.service.js';

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
/** RFC 9068 §4: the media type `application/at+jwt`, with or without its prefix, in any case. */
const ACCESS_TOKEN_TYPE = /^(application\/)?at\+jwt$/i;
const USER_CLAIMS = ['email', 'email_verified', 'name', 'roles'] as const;

/**
 * Token introspection (RFC 7662) for resource servers that would rather ask than verify: a token
 * is active only if it verifies as the services verify it (auth's published keys, RS256, `typ`,
 * `iss`, `exp`), is for one of the calling client's services (§4: a server may tell a caller only
 * about tokens meant for it), and, for an application's token, that application is not revoked:
 * the one thing introspection knows that a signature cannot.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly keys: SigningKeys,
    private readonly clients: OAuthClientRegistry,
  ) {}

  async introspect(token: string, caller: RegisteredClient): Promise<IntrospectionResponse> {
    const claims = await this.verifiedClaims(token);
    if (!claims || !claims.aud.some((audience) => caller.audiences.includes(audience))) return INACTIVE;
    if (claims.sub === claims.client_id && !(await this.clients.active(claims.client_id))) return INACTIVE;
    return { active: true, ...claims, token_type: 'Bearer' };
  }

  private async verifiedClaims(token: string): Promise<Omit<ActiveToken, 'active' | 'token_type'> | undefined> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded) return undefined;
    const { alg, kid, typ } = decoded.header;
    if (alg !== 'RS256' || typeof kid !== 'string' || typeof typ !== 'string' || !ACCESS_TOKEN_TYPE.test(typ)) return undefined;
    const key = await this.keys.getKey(kid);
    if (!key) return undefined;
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, key, { algorithms: ['RS256'], issuer: this.config.ISSUER }) as JwtPayload;
    } catch {
      return undefined; // a bad signature, a wrong issuer, an expired token: all simply inactive (§2.2)
    }
    return requiredClaims(payload);
  }
}

/** The claims RFC 9068 §2.2 requires, in the types it gives them; undefined if one is missing. */
function requiredClaims(payload: JwtPayload): Omit<ActiveToken, 'active' | 'token_type'> | undefined {
  const { iss, sub, exp, iat, jti, client_id: clientId, scope } = payload;
  const aud = typeof payload.aud === 'string' ? [payload.aud] : payload.aud;
  const strings = [iss, sub, jti, clientId, scope];
  if (!strings.every((value) => typeof value === 'string') || typeof exp !== 'number' || typeof iat !== 'number' || !Array.isArray(aud)) return undefined;
  const userClaims = Object.fromEntries(USER_CLAIMS.filter((name) => payload[name] !== undefined).map((name) => [name, payload[name]]));
  return { scope, client_id: clientId, sub: sub!, aud, iss: iss!, exp, iat, jti: jti!, ...userClaims };
}
