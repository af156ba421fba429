import { IsEmail, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

/** NIST SP 800-63B-4: at least 15 characters for a single-factor password; we accept up to 128. */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

export class RegisterInput {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password!: string;

  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class LoginInput {
  @IsString()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(1024)
  password!: string;
}

/** Any string is a refresh token to look up: one auth never issued is simply unknown (401, or 204 on logout). */
export class RefreshTokenInput {
  @IsString()
  @MinLength(1)
  refresh_token!: string;
}
