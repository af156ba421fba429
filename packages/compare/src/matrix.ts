import type { ServiceName } from '@sso/stack';

/** The four ways of staying logged in that the matrix compares, one per row. */
export type RowName =
  | 'session cookie (per-server)'
  | 'session cookie (shared store)'
  | 'access token (Bearer)'
  | 'access token (cookie)';

/**
 * What shop does with the copy of a credential kept from before logout (the copy a second tab or
 * an attacker still holds):
 * - `no`: refused, as it was before logout;
 * - `ends at once`: accepted right before logout, refused right after;
 * - `until exp`: still accepted, until the expiry the credential carries itself;
 * - `yes`: still accepted, with no expiry of its own (a session that logout did not end).
 */
export type AfterLogout = 'no' | 'ends at once' | 'until exp' | 'yes';

/** One row of the matrix: the cells the comparison checks. */
export interface MatrixRow {
  row: RowName;
  /** Whether auth and each resource service answer 200 to the credential alone. */
  acceptedBy: Record<ServiceName, boolean>;
  /** SQL statements run in the services' databases per request on shop. */
  queriesPerRequest: number;
  /** Whether shop still accepts it while the auth process is stopped. */
  acceptedWithAuthStopped: boolean;
  /** Whether shop still accepts it while auth's database refuses connections. */
  acceptedWithAuthDatabaseStopped: boolean;
  afterLogout: AfterLogout;
}

/** A row as observed: the checked cells, plus how long a token's kept copy still works after logout. */
export interface ObservedRow extends MatrixRow {
  secondsLeftAfterLogout?: number;
}
