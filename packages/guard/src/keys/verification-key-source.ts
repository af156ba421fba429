import type { KeyObject } from 'node:crypto';

/**
 * Where the guard finds the public key named by a token's `kid`. Resolves `undefined` for a key it
 * does not know; rejects only when it cannot tell (no keys could be obtained at all), which the
 * guard reports as `keys_unavailable`. The auth service passes its own in-process keys; every
 * other service uses {@link JwksKeySource}.
 */
export interface VerificationKeySource {
  getKey(kid: string): Promise<KeyObject | undefined>;
  /** Called once while the service boots, to load keys before the first request needs them. */
  warmUp?(): Promise<void>;
}

