import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ResourceIdPipe } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Public } from '@sso/guard';
import type { Post as Reply, Thread } from '../generated/prisma/client.js';
import { ReplyInput, StartThreadInput } from './threads.dto.js';
import { type ThreadSummary, ThreadsService, type ThreadWithPosts } from './threads.service.js';

@Controller('threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Public()
  @Get()
  list(): Promise<ThreadSummary[]> {
    return this.threads.list();
  }

  @Public()
  @Get(':id')
  get(@Param('id', ResourceIdPipe) id: string): Promise<ThreadWithPosts> {
    return this.threads.get(id);
  }

  @Post()
  start(@CurrentUser() user: AuthenticatedUser, @Body() input: StartThreadInput): Promise<Thread> {
    return this.threads.start(user, input);
  }

  @Post(':id/posts')
  reply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Body() input: ReplyInput,
  ): Promise<Reply> {
    return this.threads.reply(user, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ResourceIdPipe) id: string): Promise<void> {
    return this.threads.remove(user, id);
  }
}
