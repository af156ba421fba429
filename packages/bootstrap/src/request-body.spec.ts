import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestService, type TestService } from './test-service.test-support.js';

const FORM = 'application/x-www-form-urlencoded';

describe('request bodies', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.app.close());

  describe('JSON', () => {
    it('answers malformed JSON with 400 JSON', async () => {
      const response = await service.post('/echo', '{"title":');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    });

    it('refuses a NUL character in any string with 400, before it can reach a database', async () => {
      const response = await service.post('/echo', String.raw`{"title":"a\u0000b"}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('NUL') });
    });

    it.each([
      ['arrays', '['.repeat(3000) + ']'.repeat(3000)],
      ['objects', '{"title":'.repeat(3000) + '"x"' + '}'.repeat(3000)],
    ])('refuses deeply nested %s with 400, not a stack overflow', async (_shape, body) => {
      const response = await service.post('/echo', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, message: 'Request body is nested more than 32 levels deep' });
    });

    it('accepts nesting up to the limit, and brackets inside strings', async () => {
      const response = await service.post('/echo', JSON.stringify({ title: '[[[[{{{{', pad: JSON.parse('['.repeat(30) + ']'.repeat(30)) }));
      expect(response.status).toBe(201);
    });

    it('answers a body over 100 KiB with 413 JSON', async () => {
      const response = await service.post('/echo', JSON.stringify({ title: 'x'.repeat(102_400) }));
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    });

    it.each([
      ['bytes that never occur in UTF-8', [0xff, 0xfe]],
      ['a continuation byte on its own', [0x80]],
      ['a truncated two-byte character', [0xc3, 0x28]],
      ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ])('refuses a body with %s with 400, rather than storing U+FFFD in its place', async (_what, bytes) => {
      const body = Buffer.concat([Buffer.from('{"title":"'), Buffer.from(bytes), Buffer.from('"}')]);
      const response = await service.post('/echo', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Request body is not valid UTF-8' });
    });

    it('accepts a body just under the limit', async () => {
      const padding = 'x'.repeat(102_400 - JSON.stringify({ title: 'ok', pad: '' }).length);
      expect((await service.post('/echo', JSON.stringify({ title: 'ok', pad: padding }))).status).toBe(201);
    });

    it.each(['application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/json;'])(
      'reads UTF-8 JSON sent as %p',
      async (contentType) => {
        const response = await service.post('/echo', JSON.stringify({ title: 'café' }), { 'content-type': contentType });
        expect(response.status).toBe(201);
        expect(await response.json()).toEqual({ title: 'café' });
      },
    );

    // The nesting limit counts bytes. In UTF-7 a bracket is `+AFs-`: the limit sees none of 2,000
    // levels and class-transformer overflows the stack (a 500 without the UTF-8 rule).
    it.each([
      ['UTF-16', 'utf-16le', 'application/json; charset=utf-16le'],
      ['UTF-16 with a byte order mark', 'utf-16le', 'application/json; charset=utf-16'],
      ['UTF-7', 'utf-7', 'application/json; charset=utf-7'],
    ])('refuses a deeply nested %s body with 415 JSON', async (_charset, encoding, contentType) => {
      const text = '['.repeat(2000) + ']'.repeat(2000);
      const response = await service.post('/echo', encode(text, encoding), { 'content-type': contentType });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Send the request body as application/json, in UTF-8',
      });
    });
  });

  describe('other media types', () => {
    it.each([
      ['a form', FORM, 'title=hi'],
      ['a form on another method of the form route', FORM, 'title=hi', '/token', 'PATCH'],
      ['text', 'text/plain;charset=UTF-8', '{"title":"hi"}'],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nhi\r\n--x--'],
      ['a body without a Content-Type', undefined, '{"title":"hi"}'],
    ])('answers %s with 415 JSON', async (_case, contentType, body, path = '/echo', method = 'POST') => {
      const headers = contentType === undefined ? undefined : { 'content-type': contentType };
      const response = await fetch(`${service.url}${path}`, { method, headers, body: new TextEncoder().encode(body) });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    });

    it('reads nothing from a request without content, whatever its Content-Type', async () => {
      const response = await fetch(`${service.url}/echo`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(400); // validation: no title
    });
  });

  describe('forms, on the form routes only', () => {
    it.each(['/token', '/TOKEN', '/token/'])('reads a form on POST %s', async (path) => {
      const response = await service.post(path, 'grant_type=refresh_token&refresh_token=abc', { 'content-type': FORM });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ grant_type: 'refresh_token', refresh_token: 'abc' });
    });

    it('still reads JSON there', async () => {
      const response = await service.post('/token', JSON.stringify({ grant_type: 'refresh_token' }));
      expect(await response.json()).toEqual({ grant_type: 'refresh_token' });
    });

    it.each([
      ['a value', 'grant_type=refresh_token&refresh_token=a%00b'],
      ['a repeated value', 'refresh_token=a&refresh_token=b%00'],
      ['a name', 'grant%00type=refresh_token'],
    ])('refuses a NUL character in %s with 400 JSON', async (_where, body) => {
      const response = await service.post('/token', body, { 'content-type': FORM });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('NUL') });
    });

    it('refuses a form in another charset with 415, naming both types', async () => {
      const response = await service.post('/token', 'grant_type=refresh_token', { 'content-type': `${FORM}; charset=iso-8859-1` });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        message: 'Send the request body as application/json or application/x-www-form-urlencoded, in UTF-8',
      });
    });
  });
});

function encode(text: string, encoding: string): Uint8Array {
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  // UTF-7 (RFC 2152): every character outside the direct set, brackets and quotes included, is
  // written as `+<modified base64 of its UTF-16>-`.
  return Buffer.from(text.replace(/[^A-Za-z0-9'(),\-./:? ]+/g, (run) => `+${Buffer.from(run, 'utf16le').swap16().toString('base64').replace(/=+$/, '')}-`));
}
