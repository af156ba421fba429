import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class StartThreadInput {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Single sign-on, how?' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 10_000, example: 'Log in once, then every site knows you.' })
  @IsString()
  @Length(1, 10_000)
  body!: string;
}

export class ReplyInput {
  @ApiProperty({ minLength: 1, maxLength: 10_000, example: 'Thanks!' })
  @IsString()
  @Length(1, 10_000)
  body!: string;
}
