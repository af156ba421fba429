import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCESS_TOKEN_COOKIE } from '../cookies/cookie-names.js';
import {
  AUDIENCE,
  get,
  ISSUER,
  newSigningKey,
  nowSeconds,
  send,
  signAccessToken,
  signApplicationToken,
  type SigningKey,
  startTestApp,
  type TestApp,
} from '../guard.test-support.js';
import { SsoGuardModule } from '../sso-guard.module.js';

const CLIENT_ID = 'shop-introspection';
// Characters that client_secret_basic must form-urlencode before base64 (RFC 6749 §2.3.1).
const CLIENT_SECRET = 'a secret:with/reserved+characters-0123456789';
const EXPECTED_AUTHORIZATION = `Basic ${Buffer.from(`${CLIENT_ID}:a+secret%3Awith%2Freserved%2Bcharacters-0123456789`).toString('base64')}`;

/** One request auth's stand-in received. */
interface Asked {
  authorization?: string;
  contentType?: string;
  token: string | null;
}

/**
 * A real HTTP server standing in for auth's `POST /oauth/introspect` (RFC 7662): it answers for
 * the tokens it was told about, `{active: false}` for any other, and checks the caller's client
 * credentials. A token told to `hang` is never answered.
 */
class IntrospectionEndpoint {
  readonly asked: Asked[] = [];
  private readonly answers = new Map<string, object | 'hang' | number>();
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/oauth/introspect`;
  }

  /** What auth says of `token`: the claims (active), a status code, or no answer at all. */
  answer(token: string, answer: object | 'hang' | number): string {
    this.answers.set(token, answer);
    return token;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const token = new URLSearchParams(body).get('token');
      this.asked.push({ authorization: request.headers.authorization, contentType: request.headers['content-type'], token });
      const answer = token === null ? undefined : this.answers.get(token);
      if (answer === 'hang') return;
      if (request.headers.authorization !== EXPECTED_AUTHORIZATION) return reply(response, 401, { error: 'invalid_client' });
      if (typeof answer === 'number') return reply(response, answer, { error: 'server_error' });
      reply(response, 200, answer ?? { active: false });
    });
  }
}

function reply(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** The claims of a token, as auth's introspection answer repeats them (RFC 7662 §2.2). */
function activeAnswer(token: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  return { active: true, ...claims, token_type: 'Bearer', ...overrides };
}

describe('Bearer tokens checked by auth (introspection)', () => {
  const auth = newSigningKey('auth-key-1');
  const endpoint = new IntrospectionEndpoint();
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      audience: AUDIENCE,
      issuer: ISSUER,
      // Still what the token cookie is verified with, locally.
      keySource: { getKey: async (kid) => (kid === auth.kid ? auth.publicKey : undefined) },
      introspection: { endpoint: await endpoint.start(), clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 300 },
    });
  });
  afterAll(async () => {
    await app?.close();
    await endpoint.stop();
  });

  /** A token auth signed and, asked about it, calls active with these claims. */
  const known = (token: string, overrides: Record<string, unknown> = {}) => endpoint.answer(token, activeAnswer(token, overrides));
  const bearer = (token: string) => `Bearer ${token}`;

  async function expectRefused(path: string, token: string, reason: string, message: RegExp) {
    const reply = await get(`${app.url}${path}`, bearer(token));
    expect(reply.status).toBe(401);
    expect(reply.challenge).toMatch(new RegExp(`^Bearer realm="${AUDIENCE}", error="invalid_token", error_description="[^"]+"$`));
    expect(reply.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(message) });
    expect(app.rejections.at(-1)).toBe(reason);
  }

  describe('an active answer builds the same caller as local verification', () => {
    it('a user token: the user, asked with client_secret_basic and a form-encoded token', async () => {
      const token = known(signAccessToken(auth));
      const reply = await get(`${app.url}/me`, bearer(token));
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ kind: 'user', id: 'user-1', email: 'alice@example.com', roles: ['customer'], via: 'bearer', token: { clientId: 'sso-web' } });
      expect(endpoint.asked.at(-1)).toEqual({ authorization: EXPECTED_AUTHORIZATION, contentType: 'application/x-www-form-urlencoded;charset=UTF-8', token });
    });

    it('an application token: the application, admitted where @Scopes admit it and refused on a route for users', async () => {
      const token = known(signApplicationToken(auth));
      expect(await get(`${app.url}/customers/c-1/orders`, bearer(token))).toMatchObject({ status: 200, body: { kind: 'client', id: 'reporting', scope: ['orders:read'] } });
      expect((await get(`${app.url}/me`, bearer(token))).status).toBe(403);
    });

    it('asks auth on every request: nothing is remembered, so auth’s word is always current', async () => {
      const token = known(signAccessToken(auth));
      const before = endpoint.asked.length;
      for (let i = 0; i < 3; i++) expect((await get(`${app.url}/me`, bearer(token))).status).toBe(200);
      expect(endpoint.asked.length - before).toBe(3);
      endpoint.answer(token, { active: false }); // revoked at auth
      expect((await get(`${app.url}/me`, bearer(token))).status).toBe(401);
    });
  });

  describe('refuses, with error="invalid_token"', () => {
    it('{active: false}: inactive_token', async () => {
      await expectRefused('/me', signAccessToken(auth), 'inactive_token', /^Access token is not active$/);
    });

    it('an answer for another audience (this service not in aud): wrong_audience', async () => {
      await expectRefused('/me', known(signAccessToken(auth), { aud: ['forum'] }), 'wrong_audience', /audience/);
    });

    it('an answer with no aud: wrong_audience', async () => {
      await expectRefused('/me', known(signAccessToken(auth), { aud: undefined }), 'wrong_audience', /audience/);
    });

    it('an answer naming another issuer: wrong_issuer', async () => {
      await expectRefused('/me', known(signAccessToken(auth), { iss: 'http://evil.example' }), 'wrong_issuer', /issuer/);
    });

    it('a token whose own header is not typ at+jwt (an ID token), though auth calls it active: wrong_type', async () => {
      await expectRefused('/me', known(signAccessToken(auth, { header: { typ: 'JWT' } })), 'wrong_type', /type/);
    });

    it('an answer whose exp has passed beyond the clock tolerance: expired', async () => {
      await expectRefused('/me', known(signAccessToken(auth), { exp: nowSeconds() - 60 }), 'expired', /expired/);
    });

    it('an application answer carrying a person’s claims: invalid_claim', async () => {
      await expectRefused('/customers/c-1/orders', known(signApplicationToken(auth), { roles: ['admin'] }), 'invalid_claim', /roles in an application token/);
    });

    it('an application answer without scope: missing_claim', async () => {
      await expectRefused('/customers/c-1/orders', known(signApplicationToken(auth), { scope: undefined }), 'missing_claim', /scope/);
    });

    it('a user answer without roles: invalid_claim', async () => {
      await expectRefused('/me', known(signAccessToken(auth), { roles: undefined }), 'invalid_claim', /roles/);
    });

    it('a token that is not a compact JWS, without asking auth: malformed_token', async () => {
      const before = endpoint.asked.length;
      await expectRefused('/me', 'not-a-jwt', 'malformed_token', /malformed/);
      expect(endpoint.asked.length).toBe(before);
    });
  });

  it('challenges a request without a token, without asking auth', async () => {
    const before = endpoint.asked.length;
    const reply = await get(`${app.url}/me`);
    expect(reply).toMatchObject({ status: 401, challenge: `Bearer realm="${AUDIENCE}"` });
    expect(endpoint.asked.length).toBe(before);
  });

  it('still verifies the token cookie locally, without asking auth', async () => {
    const before = endpoint.asked.length;
    const reply = await send('GET', `${app.url}/me`, { cookie: `${ACCESS_TOKEN_COOKIE}=${signAccessToken(auth)}` });
    expect(reply).toMatchObject({ status: 200, body: { via: 'token-cookie' } });
    expect(endpoint.asked.length).toBe(before);
  });

  describe('answers 503, not 401, when auth cannot answer', () => {
    const unavailable = { statusCode: 503, error: 'Service Unavailable', message: 'Token introspection unavailable, try again later' };

    it('auth does not answer within the timeout', async () => {
      const started = Date.now();
      const reply = await get(`${app.url}/me`, bearer(endpoint.answer(signAccessToken(auth), 'hang')));
      expect(reply).toMatchObject({ status: 503, body: unavailable });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(app.logger.warnings('AuthenticationGuard').at(-1)).toMatch(/^Token introspection unavailable: auth did not answer at http:\/\/127\.0\.0\.1:\d+\/oauth\/introspect \(timed out\) AuthenticationGuard$/);
    });

    it('auth fails (HTTP 500)', async () => {
      expect(await get(`${app.url}/me`, bearer(endpoint.answer(signAccessToken(auth), 500)))).toMatchObject({ status: 503, body: unavailable });
    });

    it('auth refuses this service’s own client credentials, saying which settings to check, never the secret', async () => {
      const token = endpoint.answer(signAccessToken(auth), 401);
      expect(await get(`${app.url}/me`, bearer(token))).toMatchObject({ status: 503, body: unavailable });
      expect(app.logger.warnings('AuthenticationGuard').at(-1)).toMatch(/INTROSPECTION_CLIENT_ID and INTROSPECTION_CLIENT_SECRET/);
      expect(app.logger.lines.map((line) => line.text).join('\n')).not.toMatch(/secret:with|eyJ/);
    });
  });
});

describe('introspection while auth is down', () => {
  let auth: SigningKey;
  let app: TestApp;

  beforeAll(async () => {
    auth = newSigningKey('auth-key-1');
    // A port that was just free and is now closed: connections are refused.
    const endpoint = new IntrospectionEndpoint();
    const uri = await endpoint.start();
    await endpoint.stop();
    app = await startTestApp({
      audience: AUDIENCE,
      issuer: ISSUER,
      keySource: { getKey: async (kid) => (kid === auth.kid ? auth.publicKey : undefined) },
      introspection: { endpoint: uri, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
  });
  afterAll(() => app?.close());

  it('answers 503 JSON, as for other outages', async () => {
    const reply = await get(`${app.url}/me`, `Bearer ${signAccessToken(auth)}`);
    expect(reply).toMatchObject({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'Token introspection unavailable, try again later' } });
    expect(app.logger.warnings('AuthenticationGuard').at(-1)).toMatch(/auth did not answer at .* \(ECONNREFUSED\) AuthenticationGuard$/);
  });
});

describe('SsoGuardModule.forResourceService with TOKEN_VALIDATION=introspection', () => {
  const service = {
    AUTH_ISSUER: 'http://auth:3000',
    JWKS_URI: 'http://auth:3000/.well-known/jwks.json',
    ALLOWED_ORIGINS: [],
    SESSION_MODE: 'per-server',
    AUTH_ALLOW_HTTP: true,
    TOKEN_VALIDATION: 'introspection',
    INTROSPECTION_URI: 'http://auth:3000/oauth/introspect',
    INTROSPECTION_CLIENT_ID: CLIENT_ID,
    INTROSPECTION_CLIENT_SECRET: CLIENT_SECRET,
  } as const;

  it('takes the introspection settings', () => {
    expect(() => SsoGuardModule.forResourceService('shop', { ...service, ALLOWED_ORIGINS: [] })).not.toThrow();
  });

  it('refuses at boot an endpoint over plain http to a remote host unless AUTH_ALLOW_HTTP, and missing credentials', () => {
    expect(() => SsoGuardModule.forResourceService('shop', { ...service, ALLOWED_ORIGINS: [], AUTH_ALLOW_HTTP: false })).toThrow(/jwksUri must use https/);
    expect(() => SsoGuardModule.forResourceService('shop', { ...service, ALLOWED_ORIGINS: [], JWKS_URI: 'https://auth.example/.well-known/jwks.json', AUTH_ALLOW_HTTP: false })).toThrow(
      /introspection\.endpoint must use https/,
    );
    expect(() => SsoGuardModule.forResourceService('shop', { ...service, ALLOWED_ORIGINS: [], INTROSPECTION_CLIENT_SECRET: undefined })).toThrow(
      /introspection\.clientSecret must be a non-empty string/,
    );
  });
});
