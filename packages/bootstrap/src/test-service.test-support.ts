import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsString, MaxLength } from 'class-validator';
import { createService, loggingModule, type ServiceOptions } from './index.js';

class EchoInput {
  @IsString()
  @MaxLength(10)
  title!: string;
}

@Controller()
class EchoController {
  @Post('echo')
  echo(@Body() input: EchoInput): EchoInput {
    return input;
  }

  /** Answers the body as read, whatever its fields: the shape of an OAuth token endpoint. */
  @Post('token')
  token(@Body() body: Record<string, unknown>): Record<string, unknown> {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internals');
  }
}

@Module({ imports: [loggingModule({ service: 'test', level: 'silent', format: 'json' })], controllers: [EchoController] })
export class TestModule {}

/** The origin the test services let call them from a browser. */
export const ALLOWED_ORIGIN = 'https://app.example.test';

export interface TestService {
  url: string;
  app: NestExpressApplication;
  post(path: string, body: string | Uint8Array, headers?: Record<string, string>): Promise<Response>;
}

/**
 * A service booted by {@link createService}, as every service is, on a free port of 127.0.0.1:
 * `POST /echo` validates `{title}`, `POST /token` reads forms too, `GET /boom` throws.
 */
export async function startTestService(options: Partial<ServiceOptions> = {}): Promise<TestService> {
  const app = await createService(TestModule, { name: 'test', allowedOrigins: [ALLOWED_ORIGIN], formRoutes: ['/token'], ...options });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    url,
    app,
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
  };
}
