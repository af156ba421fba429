import type { KeyObject } from 'node:crypto';

/**
 * Where the guard finds the public key for a `kid`. Resource services use {@link JwksKeySource};
 * auth passes its own keys in-process. `undefined` means the key is not known.
 */
export interface VerificationKeySource {
  getKey(kid: string): Promise<KeyObject | undefined>;
}

/** Injection token of the guard's {@link VerificationKeySource}. */
export const VERIFICATION_KEY_SOURCE = Symbol('VERIFICATION_KEY_SOURCE');
