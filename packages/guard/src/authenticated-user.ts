/** The roles auth grants. */
export const ROLES = ['customer', 'agent', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who made the request, as the access token says; nothing here comes from a database. */
export interface AuthenticatedUser {
  /** `sub` */
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** `client_id`: the OAuth client the token was issued to. */
  clientId: string;
  /** `scope`, split on spaces. */
  scope: string[];
  /** `jti` */
  tokenId: string;
  /** `exp` */
  expiresAt: Date;
}
