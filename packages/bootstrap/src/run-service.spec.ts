import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsString, MaxLength } from 'class-validator';
import { createService, loggingModule } from './index.js';

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

  @Get('boom')
  boom(): never {
    throw new Error('secret internals');
  }
}

@Module({ imports: [loggingModule({ service: 'test', level: 'silent', format: 'json' })], controllers: [EchoController] })
class TestModule {}

describe('createService', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    app = await createService(TestModule, { name: 'test' });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers GET /health without authentication', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'test' });
  });

  it('validates input and names the field', async () => {
    const response = await post(JSON.stringify({ title: 42 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { statusCode: number; error: string; message: string[] };
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.message.join(' ')).toContain('title');
  });

  it('drops fields the input does not declare', async () => {
    const response = await post(JSON.stringify({ title: 'hi', owner: 'mallory' }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ title: 'hi' });
  });

  it('answers malformed JSON with 400 JSON', async () => {
    const response = await post('{"title":');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('refuses a NUL character in any string with 400, before it can reach a database', async () => {
    const response = await post(String.raw`{"title":"a\u0000b"}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('NUL') });
  });

  it.each([
    ['arrays', '['.repeat(3000) + ']'.repeat(3000)],
    ['objects', '{"title":'.repeat(3000) + '"x"' + '}'.repeat(3000)],
  ])('refuses deeply nested %s with 400, not a stack overflow', async (_shape, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, message: 'Request body is nested more than 32 levels deep' });
  });

  it('accepts nesting up to the limit, and brackets inside strings', async () => {
    const response = await post(JSON.stringify({ title: '[[[[{{{{', pad: JSON.parse('['.repeat(30) + ']'.repeat(30)) }));
    expect(response.status).toBe(201);
  });

  it('answers a body over 100 KiB with 413 JSON', async () => {
    const response = await post(JSON.stringify({ title: 'x'.repeat(102_400) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('accepts a body just under the limit', async () => {
    const padding = 'x'.repeat(102_400 - JSON.stringify({ title: 'ok', pad: '' }).length);
    const response = await post(JSON.stringify({ title: 'ok', pad: padding }));
    expect(response.status).toBe(201);
  });

  it('hides unexpected errors behind a bare 500', async () => {
    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    expect(text).not.toContain('secret internals');
  });

  it('does not read form bodies unless asked to', async () => {
    const response = await post('title=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(400);
  });

  it('answers an unknown route with 404 JSON', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('echoes an acceptable X-Request-Id and replaces an unacceptable one', async () => {
    const kept = await fetch(`${base}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBeNull();
    const echoed = await post(JSON.stringify({ title: 'a' }), { 'x-request-id': 'abc-123' });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await post(JSON.stringify({ title: 'a' }), { 'x-request-id': 'bad id\nwith newline'.replace('\n', ' ') });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
