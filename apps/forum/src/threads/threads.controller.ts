import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ResourceIdPipe } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Public } from '@sso/guard';
import type { Post as Reply, Thread } from '../generated/prisma/client.js';
import { ReplyInput, StartThreadInput } from './threads.dto.js';
import { type ThreadSummary, ThreadsService, type ThreadWithPosts } from './threads.service.js';

@ApiTags('threads')
@Controller('threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Every thread' })
  @ApiOkResponse({ description: 'The threads, newest first' })
  list(): Promise<ThreadSummary[]> {
    return this.threads.list();
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A thread and its posts' })
  @ApiOkResponse({ description: 'The thread' })
  @ApiErrors(400)
  get(@Param('id', ResourceIdPipe) id: string): Promise<ThreadWithPosts> {
    return this.threads.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Start a thread as the caller' })
  @ApiCreatedResponse({ description: 'The thread' })
  start(@CurrentUser() user: AuthenticatedUser, @Body() input: StartThreadInput): Promise<Thread> {
    return this.threads.start(user, input);
  }

  @Post(':id/posts')
  @ApiOperation({ summary: 'Reply to a thread as the caller' })
  @ApiCreatedResponse({ description: 'The post' })
  reply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Body() input: ReplyInput,
  ): Promise<Reply> {
    return this.threads.reply(user, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a thread (its author, a moderator or an admin)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ResourceIdPipe) id: string): Promise<void> {
    return this.threads.remove(user, id);
  }
}
