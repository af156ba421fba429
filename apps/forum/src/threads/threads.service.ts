import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@sso/guard';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { PostView, ThreadSummaryView, ThreadView, ThreadWithPostsView } from './thread.js';
import type { ReplyInput, StartThreadInput } from './threads.dto.js';

/** Roles that may remove anyone's thread. */
const MODERATING_ROLES = ['moderator', 'admin'] as const;

@Injectable()
export class ThreadsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Every thread, newest first, with its number of replies. */
  async list(): Promise<ThreadSummaryView[]> {
    const threads = await this.prisma.thread.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { _count: { select: { posts: true } } },
    });
    return threads.map(({ _count, ...thread }) => ({ ...thread, postCount: _count.posts }));
  }

  /** One thread with its replies, oldest reply first (the order a conversation is read in). */
  async get(id: string): Promise<ThreadWithPostsView> {
    const thread = await this.prisma.thread.findUnique({
      where: { id },
      include: { posts: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
    });
    if (!thread) throw notFound(id);
    return thread;
  }

  start(user: AuthenticatedUser, input: StartThreadInput): Promise<ThreadView> {
    return this.prisma.thread.create({
      data: { authorId: user.id, authorName: user.name, title: input.title, body: input.body },
    });
  }

  async reply(user: AuthenticatedUser, threadId: string, input: ReplyInput): Promise<PostView> {
    try {
      return await this.prisma.post.create({
        data: { threadId, authorId: user.id, authorName: user.name, body: input.body },
      });
    } catch (error) {
      // The foreign key answers "no such thread" in the same round trip, even for a thread deleted meanwhile.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') throw notFound(threadId);
      throw error;
    }
  }

  /** Its author, a moderator or an admin may delete a thread (and its replies). */
  async remove(user: AuthenticatedUser, id: string): Promise<void> {
    const thread = await this.prisma.thread.findUnique({ where: { id }, select: { authorId: true } });
    if (!thread) throw notFound(id);
    const moderates = user.roles.some((role) => (MODERATING_ROLES as readonly string[]).includes(role));
    if (thread.authorId !== user.id && !moderates) {
      throw new ForbiddenException('Only the author, a moderator or an admin may delete this thread');
    }
    await this.prisma.thread.deleteMany({ where: { id } });
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`No thread with id ${id}`);
}
