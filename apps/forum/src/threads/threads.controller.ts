import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ResourceIdPipe } from '@sso/bootstrap';
import { type AuthenticatedUser, CurrentUser, Public } from '@sso/guard';
import { PostView, ThreadSummaryView, ThreadView, ThreadWithPostsView } from './thread.js';
import { ReplyInput, StartThreadInput } from './threads.dto.js';
import { ThreadsService } from './threads.service.js';

@ApiTags('threads')
@Controller('threads')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Every thread' })
  @ApiOkResponse({ description: 'The threads, newest first', type: [ThreadSummaryView] })
  list(): Promise<ThreadSummaryView[]> {
    return this.threads.list();
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A thread and its posts' })
  @ApiOkResponse({ description: 'The thread and its replies, oldest first', type: ThreadWithPostsView })
  @ApiErrors(400)
  get(@Param('id', ResourceIdPipe) id: string): Promise<ThreadWithPostsView> {
    return this.threads.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Start a thread as the caller' })
  @ApiCreatedResponse({ description: 'The thread', type: ThreadView })
  start(@CurrentUser() user: AuthenticatedUser, @Body() input: StartThreadInput): Promise<ThreadView> {
    return this.threads.start(user, input);
  }

  @Post(':id/posts')
  @ApiOperation({ summary: 'Reply to a thread as the caller' })
  @ApiCreatedResponse({ description: 'The post', type: PostView })
  reply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ResourceIdPipe) id: string,
    @Body() input: ReplyInput,
  ): Promise<PostView> {
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
