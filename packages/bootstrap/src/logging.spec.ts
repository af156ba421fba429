import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Req, UnauthorizedException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { prettyFactory } from 'pino-pretty';
import { loggingModule, PRETTY_LOG_OPTIONS } from './logging.js';
import { createService } from './run-service.js';

describe('pretty log lines (LOG_FORMAT=pretty)', () => {
  const pretty = prettyFactory({ ...PRETTY_LOG_OPTIONS, colorize: false });
  const line = (entry: Record<string, unknown>) => pretty({ level: 30, time: 0, pid: 1, hostname: 'h', service: 'shop', ...entry }).trimEnd();
  const request = { id: 'r1', method: 'GET', url: '/me' };

  it('shows a request line as service, method, URL, status, message', () => {
    expect(line({ req: request, res: { statusCode: 200 }, msg: 'request completed' })).toMatch(/ INFO: shop GET \/me 200 request completed$/);
  });

  it('shows a line logged during a request (no status yet) without a double space', () => {
    const logged = line({ req: request, context: 'JwksKeySource', msg: 'Loaded 2 signing key(s)' });
    expect(logged).toMatch(/ INFO: shop GET \/me Loaded 2 signing key\(s\)$/);
    expect(logged).not.toContain('  ');
  });

  it('shows a line outside any request as service and message', () => {
    const logged = line({ context: 'NestApplication', msg: 'Nest application successfully started' });
    expect(logged).toMatch(/ INFO: shop Nest application successfully started$/);
    expect(logged).not.toContain('  ');
  });
});

@Controller()
class CallerController {
  @Get('as-user')
  asUser(@Req() request: Request & { user?: unknown }): Record<string, never> {
    request.user = { id: 'user-1', token: { clientId: 'client-1' } };
    return {};
  }

  @Get('refused')
  refused(@Req() request: Request & { authRejection?: string }): never {
    request.authRejection = 'expired_token';
    throw new UnauthorizedException();
  }

  @Get('broken')
  broken(@Req() request: Request & { user?: unknown }): never {
    request.user = { id: 'user-2' };
    throw new Error('broken on purpose');
  }
}

describe('JSON request lines (LOG_FORMAT=json)', () => {
  const lines: Array<Record<string, any>> = [];
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    @Module({ imports: [loggingModule({ service: 'test', level: 'info', format: 'json', destination })], controllers: [CallerController] })
    class CallerModule {}
    app = await createService(CallerModule, { name: 'test', allowedOrigins: [] });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  async function requestLine(path: string): Promise<Record<string, any>> {
    const response = await fetch(`${url}${path}`);
    await response.arrayBuffer();
    const id = response.headers.get('x-request-id');
    for (let attempt = 0; attempt < 50; attempt++) {
      const line = lines.find((each) => each.req?.id === id && each.res);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no request line for ${path}`);
  }

  it('names the caller on the request line: sub and client_id', async () => {
    expect(await requestLine('/as-user')).toMatchObject({ level: 30, service: 'test', sub: 'user-1', client_id: 'client-1', res: { statusCode: 200 } });
  });

  it('names the guard’s reason on a refused request, and no caller', async () => {
    const line = await requestLine('/refused');
    expect(line).toMatchObject({ level: 40, authRejection: 'expired_token', res: { statusCode: 401 } });
    expect(line).not.toHaveProperty('sub');
  });

  it('names the caller on an error line too', async () => {
    expect(await requestLine('/broken')).toMatchObject({ level: 50, sub: 'user-2', res: { statusCode: 500 } });
  });
});
