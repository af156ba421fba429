import { Module } from '@nestjs/common';
import { SigningKeys } from './signing-keys.service.js';

@Module({ providers: [SigningKeys], exports: [SigningKeys] })
export class KeysModule {}
