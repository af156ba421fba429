import { FIRST_PARTY_CLIENT_ID } from '../tokens/access-tokens.service.js';

/** The services an application's tokens may be for: the `aud` values every resource service checks. */
export const CLIENT_AUDIENCES = ['shop', 'helpdesk', 'forum'] as const;

/**
 * A client id: lower-case letters, digits, `.`, `_` and `-`, so it needs no encoding in a Basic
 * header or a form (RFC 6749 §2.3.1). Never shaped like a UUID: user ids are UUIDs, and a token
 * whose `sub` equals its `client_id` is an application's, so the two must never meet.
 */
export const CLIENT_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A scope token (RFC 6749 §3.3), kept to a readable alphabet: `orders:read`. */
export const SCOPE_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const CLIENT_NAME_MAX = 100;

/** What an application is allowed: set when it is registered, checked on every token request. */
export interface ClientRegistration {
  name: string;
  scopes: string[];
  audiences: string[];
}

/** Registration input that breaks a rule; the message names the field, for a 400 or a CLI line. */
export class InvalidClientRegistration extends Error {
  override readonly name = 'InvalidClientRegistration';
}

/** Checks a registration and returns it with duplicates removed, or throws {@link InvalidClientRegistration}. */
export function validRegistration({ name, scopes, audiences }: ClientRegistration): ClientRegistration {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > CLIENT_NAME_MAX) {
    throw new InvalidClientRegistration(`name must be 1 to ${CLIENT_NAME_MAX} characters`);
  }
  if (scopes.length === 0) throw new InvalidClientRegistration('scope must name at least one scope (e.g. orders:read)');
  const badScope = scopes.find((scope) => !SCOPE_PATTERN.test(scope));
  if (badScope !== undefined) throw new InvalidClientRegistration(`scope "${badScope}" must be 1 to 64 letters, digits or . _ : -`);
  if (audiences.length === 0) throw new InvalidClientRegistration(`audience must name at least one of ${CLIENT_AUDIENCES.join(', ')}`);
  const badAudience = audiences.find((audience) => !(CLIENT_AUDIENCES as readonly string[]).includes(audience));
  if (badAudience !== undefined) throw new InvalidClientRegistration(`audience "${badAudience}" must be one of ${CLIENT_AUDIENCES.join(', ')}`);
  return { name: trimmed, scopes: [...new Set(scopes)], audiences: [...new Set(audiences)] };
}

/** Checks a client id chosen by an operator (`clients ensure --client-id`). */
export function assertValidClientId(clientId: string): void {
  if (!CLIENT_ID_PATTERN.test(clientId)) {
    throw new InvalidClientRegistration('client id must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter or digit');
  }
  if (isUuidShaped(clientId)) throw new InvalidClientRegistration('client id must not look like a UUID: user ids do');
  if (clientId === FIRST_PARTY_CLIENT_ID) throw new InvalidClientRegistration(`client id "${FIRST_PARTY_CLIENT_ID}" is reserved for user logins`);
}

/** Whether a client id could be mistaken for a user id. */
export function isUuidShaped(clientId: string): boolean {
  return UUID_SHAPE.test(clientId);
}
