import type { Role } from '@sso/guard';

/** A user as auth shows it: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export function toPublicUser(user: PublicUser): PublicUser {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles };
}
