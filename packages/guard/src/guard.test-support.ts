import { type ArgumentsHost, Catch, Controller, Get, type INestApplication, type LoggerService, Post, type Type } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import jwt from 'jsonwebtoken';
import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AuthenticatedUser } from './authenticated-user.js';
import { AllowApplications, CurrentClient, CurrentPrincipal, CurrentUser, Public, Roles, Scopes } from './decorators.js';
import type { AuthenticatedClient, Principal } from './principal.js';
import { SsoGuardModule } from './sso-guard.module.js';
import type { SsoGuardModuleOptions } from './sso-guard.options.js';

export const ISSUER = 'http://auth.test';
export const AUDIENCE = 'shop';

/** An RS256 key pair with its `kid`, as auth holds one. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid: string = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The claims auth puts in an access token (RFC 9068 §2.2), for a customer. */
export function honestClaims(): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: 'user-1',
    aud: [AUDIENCE, 'forum'],
    exp: nowSeconds() + 900,
    iat: nowSeconds(),
    jti: randomUUID(),
    client_id: 'sso-web',
    scope: 'openid profile email',
    email: 'alice@example.com',
    email_verified: false,
    name: 'Alice',
    roles: ['customer'],
  };
}

/** The claims auth puts in an application's token (client credentials): `sub` is the `client_id`, no person's claims. */
export function applicationClaims(): Record<string, unknown> {
  return {
    iss: ISSUER,
    sub: 'reporting',
    aud: [AUDIENCE],
    exp: nowSeconds() + 900,
    iat: nowSeconds(),
    jti: randomUUID(),
    client_id: 'reporting',
    scope: 'orders:read',
  };
}

export interface TokenShape {
  claims?: Record<string, unknown>;
  omit?: string[];
  header?: Record<string, unknown>;
}

/** Signs an access token with jsonwebtoken, as auth does; `shape` bends it out of the profile. */
export function signAccessToken(key: SigningKey, shape: TokenShape = {}): string {
  return signClaims(key, honestClaims(), shape);
}

/** Signs an application's token (see {@link applicationClaims}), as auth does for the client credentials grant. */
export function signApplicationToken(key: SigningKey, shape: TokenShape = {}): string {
  return signClaims(key, applicationClaims(), shape);
}

function signClaims(key: SigningKey, base: Record<string, unknown>, { claims = {}, omit = [], header = {} }: TokenShape): string {
  const payload: Record<string, unknown> = { ...base, ...claims };
  for (const claim of omit) delete payload[claim];
  return jwt.sign(payload, key.privateKey, {
    algorithm: 'RS256',
    // jsonwebtoken writes iat itself (from the payload's, if any) unless told not to
    noTimestamp: omit.includes('iat'),
    header: { alg: 'RS256', typ: 'at+jwt', kid: key.kid, ...header },
  });
}

/** Builds an unsigned JWT (`alg: none`), which no honest library produces. */
export function unsignedToken(header: object, payload: object): string {
  return `${encode(header)}.${encode(payload)}.`;
}

/** A JOSE header or payload: an object, or the exact JSON text (`{"exp":1e400}`), or the exact bytes. */
export type RawPart = object | string | Buffer;

/** Signs any header and payload with RS256 by hand, for what jsonwebtoken refuses to sign. */
export function signRaw(key: SigningKey, header: RawPart, payload: RawPart): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url')}`;
}

function encode(part: RawPart): string {
  if (Buffer.isBuffer(part)) return part.toString('base64url');
  return Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');
}

/** Every line logged through Nest while a test app runs. */
export class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; text: string }> = [];
  log = this.record('log');
  error = this.record('error');
  warn = this.record('warn');
  debug = this.record('debug');
  verbose = this.record('verbose');
  fatal = this.record('fatal');

  private record(level: string) {
    return (...args: unknown[]) => {
      this.lines.push({ level, text: args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ') });
    };
  }

  warnings(context: string): string[] {
    return this.lines.filter((line) => line.level === 'warn' && line.text.includes(context)).map((line) => line.text);
  }
}

@Controller()
class TestController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @Post('orders')
  order(@CurrentUser() user: AuthenticatedUser): { owner: string } {
    return { owner: user.id };
  }

  @Roles('agent')
  @Get('tickets/all')
  allTickets(): string[] {
    return [];
  }

  @Scopes('orders:read')
  @Get('customers/:id/orders')
  customerOrders(@CurrentPrincipal() caller: Principal): Principal {
    return caller;
  }

  @Scopes('orders:read', 'reports:read')
  @Get('reports')
  reports(@CurrentPrincipal() caller: Principal): Principal {
    return caller;
  }

  @Scopes('orders:read')
  @Roles('agent')
  @Get('queue')
  queue(@CurrentPrincipal() caller: Principal): Principal {
    return caller;
  }

  /** Admits applications, but its handler asks for a person. */
  @Scopes('orders:read')
  @Get('profile')
  profile(@CurrentUser() user: AuthenticatedUser): { id: string } {
    return { id: user.id };
  }

  @AllowApplications()
  @Get('client')
  client(@CurrentClient() client: AuthenticatedClient): AuthenticatedClient {
    return client;
  }
}

/** Nest's own error answer, after noting the reason the guard left on the request. */
@Catch()
class RejectionRecorder extends BaseExceptionFilter {
  readonly rejections: Array<string | undefined> = [];

  override catch(exception: unknown, host: ArgumentsHost): void {
    this.rejections.push(host.switchToHttp().getRequest<{ authRejection?: string }>().authRejection);
    super.catch(exception, host);
  }
}

/**
 * A running Nest app with the guard: `GET /health` (public), `/me` and `POST /orders` (any user),
 * `/tickets/all` (agent); `/customers/:id/orders` (`orders:read`), `/reports` (`orders:read` and
 * `reports:read`), `/queue` (`orders:read` and the role agent), `/profile` (`orders:read`, asks for
 * a user), `/client` (applications admitted, asks for one).
 */
export interface TestApp {
  url: string;
  logger: RecordingLogger;
  /** `request.authRejection` of every request that ended in an error, in order. */
  rejections: Array<string | undefined>;
  close(): Promise<void>;
}

/** Starts the guard with `options`; `controllers` replace the test routes (pass `[]` to serve only the guard's own, with `identityRoute`). */
export async function startTestApp(options: SsoGuardModuleOptions, controllers: Type[] = [TestController]): Promise<TestApp> {
  const logger = new RecordingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [SsoGuardModule.forRoot(options)],
    controllers,
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger });
  const recorder = new RejectionRecorder(app.get(HttpAdapterHost).httpAdapter);
  app.useGlobalFilters(recorder);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, logger, rejections: recorder.rejections, close: () => app.close() };
}

export interface Reply {
  status: number;
  challenge: string | null;
  body: any;
}

/** `GET url` with an optional `Authorization` header. */
export async function get(url: string, authorization?: string): Promise<Reply> {
  return send('GET', url, authorization ? { authorization } : {});
}

/** Any request, with the headers given (`cookie`, `origin`, `authorization`). */
export async function send(method: string, url: string, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(url, { method, headers });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.json() };
}
