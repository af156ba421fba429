import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { mixesScripts } from '../users/email-address.js';

/** NIST SP 800-63B-4: at least 15 characters for a single-factor password; we accept up to 128. */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

/** Refuses an address that mixes scripts, so `аlice@example.com` (Cyrillic `а`) cannot pose as alice. */
function IsSingleScript(): PropertyDecorator {
  return ValidateBy({
    name: 'isSingleScript',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !mixesScripts(value.normalize('NFKC')),
      defaultMessage: () => 'email must not mix letters of different scripts, as lookalike addresses do',
    },
  });
}

export class RegisterInput {
  @ApiProperty({ format: 'email', maxLength: 254, description: 'The login; letters of one script only', example: 'alice@example.com' })
  @IsEmail()
  @MaxLength(254)
  @IsSingleScript()
  email!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, example: 'correct horse battery staple' })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: 100, description: 'The display name; not blank', example: 'Alice' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class LoginInput {
  @ApiProperty({ maxLength: 254, example: 'alice@example.com' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password', maxLength: 1024, example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

/** Any string is a refresh token to look up: one auth never issued is simply unknown (401, or 204 on logout). */
export class RefreshTokenInput {
  @ApiProperty({ minLength: 1, description: 'The refresh token `/auth/login` or `/auth/refresh` answered' })
  @IsString()
  @MinLength(1)
  refresh_token!: string;
}
