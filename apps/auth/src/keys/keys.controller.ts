import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@sso/bootstrap';
import { Roles } from '@sso/guard';
import { type KeyRotation, SigningKeys } from './signing-keys.service.js';

/** Key management for operators: `npm run rotate-keys` calls it. */
@ApiTags('keys')
@Controller('auth/keys')
export class KeysController {
  constructor(private readonly keys: SigningKeys) {}

  /** 202: the rotation is scheduled; the new key signs from `activatesAt`. */
  @Post('rotate')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Schedule a signing-key rotation (admin)' })
  @ApiAcceptedResponse({ description: 'Scheduled: the new key signs from `activatesAt`', schema: { type: 'object', required: ['activatesAt'] } })
  @ApiErrors(503)
  rotate(): Promise<KeyRotation> {
    return this.keys.rotate();
  }
}
