import { IsString, Length } from 'class-validator';

export class StartThreadInput {
  @IsString()
  @Length(1, 200)
  title!: string;

  @IsString()
  @Length(1, 10_000)
  body!: string;
}

export class ReplyInput {
  @IsString()
  @Length(1, 10_000)
  body!: string;
}
