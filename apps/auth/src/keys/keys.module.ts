import { Module } from '@nestjs/common';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { AesGcmPrivateKeyCipher } from './aes-gcm-private-key-cipher.js';
import { PRIVATE_KEY_CIPHER, type PrivateKeyCipher } from './private-key-cipher.js';
import { SigningKeys } from './signing-keys.service.js';

@Module({
  providers: [
    SigningKeys,
    // The key-management hook (see private-key-cipher.ts): a KMS-backed cipher would be provided here.
    {
      provide: PRIVATE_KEY_CIPHER,
      inject: [AUTH_CONFIG],
      useFactory: (config: AuthConfig): PrivateKeyCipher | null =>
        config.SIGNING_KEY_ENCRYPTION_KEY ? new AesGcmPrivateKeyCipher(config.SIGNING_KEY_ENCRYPTION_KEY) : null,
    },
  ],
  exports: [SigningKeys],
})
export class KeysModule {}
