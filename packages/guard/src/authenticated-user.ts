/** The roles auth grants; a token naming any other role is refused (`invalid_claim`). */
export const ROLES = ['customer', 'agent', 'moderator', 'admin'] as const;

/** One of the roles auth grants. */
export type Role = (typeof ROLES)[number];

/**
 * The caller, as stated by a verified access token: what `@CurrentUser()` gives a handler.
 * Built from the token alone, with no call to auth.
 */
export interface AuthenticatedUser {
  /** `sub`: auth's user id. */
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** `client_id`: the OAuth client the token was issued to (RFC 9068 §2.2). */
  clientId: string;
  /** `scope`, split on spaces (RFC 9068 §2.2.3); empty when the token has none. */
  scope: string[];
  /** `jti`: this token's unique id. */
  tokenId: string;
  /** `exp`, as a date. */
  expiresAt: Date;
}
