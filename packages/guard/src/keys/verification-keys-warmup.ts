import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { SSO_GUARD_SETTINGS, type SsoGuardSettings } from '../sso-guard.options.js';

/**
 * Loads the verification keys while the service boots, so a service that reached auth once keeps
 * serving even if auth goes down before the first request arrives.
 */
@Injectable()
export class VerificationKeysWarmup implements OnModuleInit {
  constructor(@Inject(SSO_GUARD_SETTINGS) private readonly settings: SsoGuardSettings) {}

  async onModuleInit(): Promise<void> {
    await this.settings.keySource.warmUp?.();
  }
}
