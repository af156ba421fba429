/** The roles auth grants; a token naming any other role is refused (`invalid_claim`). */
export const ROLES = ['customer', 'agent', 'moderator', 'admin'] as const;

/** One of the roles auth grants. */
export type Role = (typeof ROLES)[number];

/**
 * The ways into a service, each one passport strategy: an access token in the `Authorization:
 * Bearer` header, the same token in auth's HttpOnly cookie, or auth's session cookie.
 */
export const CREDENTIAL_KINDS = ['bearer', 'token-cookie', 'session-cookie'] as const;

/** One way into a service; see {@link CREDENTIAL_KINDS}. */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** What an access token says beyond who the caller is (RFC 9068 §2.2). */
export interface AccessTokenDetails {
  /** `client_id`: the OAuth client the token was issued to. */
  clientId: string;
  /** `scope`, split on spaces (RFC 9068 §2.2.3); empty when the token has none. */
  scope: string[];
  /** `jti`: this token's unique id. */
  tokenId: string;
  /** `exp`, as a date. */
  expiresAt: Date;
}

/**
 * A person calling: what `@CurrentUser()` gives a handler. From a token it is built from the token
 * alone, with no call to auth; from a session cookie, from auth's session store.
 */
export interface AuthenticatedUser {
  /** Tells a person from an application (see `Principal`). */
  kind: 'user';
  /** auth's user id (`sub` of a token). */
  id: string;
  email: string;
  /**
   * Whether auth proved the address belongs to the user (`email_verified`). Until it is true, show
   * `email` as what the user typed, never as a way to reach them.
   */
  emailVerified: boolean;
  name: string;
  roles: Role[];
  /** Which way in accepted the request. Cookies, unlike headers, are sent by browsers on their own: see CSRF. */
  via: CredentialKind;
  /** The access token's details; absent for a session. */
  token?: AccessTokenDetails;
}
