import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { createService, loggingModule } from './index.js';

const events: string[] = [];
const slowRequest = signal();
const release = signal();

/** A promise and what settles it (Promise.withResolvers, which this TypeScript target lacks). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Stands for a module holding a database pool: what a request under way must not outlive. */
@Injectable()
class DatabasePool implements OnModuleDestroy {
  onModuleDestroy(): void {
    events.push('pool ended');
  }
}

@Controller()
class SlowController {
  @Get('slow')
  async slow(): Promise<{ done: true }> {
    slowRequest.resolve();
    await release.promise;
    events.push('slow request answered');
    return { done: true };
  }
}

@Module({ imports: [loggingModule({ service: 'test', level: 'silent', format: 'json' })], controllers: [SlowController], providers: [DatabasePool] })
class SlowModule {}

describe('a service shutting down (SIGTERM, or app.close)', () => {
  it('answers the requests under way before its modules close, and new ones 503', async () => {
    const app = await createService(SlowModule, { name: 'test', allowedOrigins: [] });
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const underWay = fetch(`${url}/slow`);
    await slowRequest.promise;

    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    const refused = await fetch(`${url}/health`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await refused.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The service is shutting down; try again' });

    release.resolve();
    expect((await underWay).status).toBe(200);
    await closed;
    expect(events).toEqual(['slow request answered', 'pool ended']);
  });
});
