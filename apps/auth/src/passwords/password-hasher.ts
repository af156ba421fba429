import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/**
 * argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet: 19 MiB, 2 iterations,
 * 1 lane). Memory-hard, so guessing a stolen hash on GPUs stays expensive.
 */
const ARGON2ID = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * NIST SP 800-63B-4 §3.1.1.2: passwords are normalised (NFKC) before hashing, so one typed on a
 * keyboard that composes `é` and one that sends `e` + U+0301 are the same password.
 */
function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

@Injectable()
export class PasswordHasher {
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(normalizePassword(password), ARGON2ID);
  }

  /** argon2's own verify compares the digests in constant time. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, normalizePassword(password));
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as {@link verify} for an account that does not exist, so response time
   * does not tell an attacker which emails are registered.
   */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy password that matches no account');
    await this.verify(await this.decoy, password);
    return false;
  }
}
