import { ApiProperty } from '@nestjs/swagger';

/** A thread as forum answers it; a class so that its OpenAPI schema is read from it. */
export class ThreadView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The `sub` of the token that started it' })
  authorId!: string;

  @ApiProperty({ description: 'The `name` of that token', example: 'Alice' })
  authorName!: string;

  @ApiProperty({ example: 'Single sign-on, how?' })
  title!: string;

  @ApiProperty({ example: 'Log in once, then every site knows you.' })
  body!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: Date;
}

/** A thread in the list: the thread and how many replies it has. */
export class ThreadSummaryView extends ThreadView {
  @ApiProperty({ type: 'integer', minimum: 0, example: 2 })
  postCount!: number;
}

/** A reply to a thread. */
export class PostView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  threadId!: string;

  @ApiProperty({ description: 'The `sub` of the token that wrote it' })
  authorId!: string;

  @ApiProperty({ example: 'Bob' })
  authorName!: string;

  @ApiProperty({ example: 'Thanks!' })
  body!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: Date;
}

/** One thread with its replies, oldest first. */
export class ThreadWithPostsView extends ThreadView {
  @ApiProperty({ type: [PostView] })
  posts!: PostView[];
}
