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

/** Emails are compared case-insensitively: stored and looked up in one form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
