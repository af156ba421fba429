import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AUDIENCE, ISSUER, newSigningKey, RecordingLogger, signAccessToken } from './guard.test-support.js';
import { SsoGuardModule } from './sso-guard.module.js';
import type { VerificationKeySource } from './keys/verification-key-source.js';

const auth = newSigningKey();

/** Keys held by another module, as the auth service's own signing keys are. */
@Injectable()
class InProcessKeys implements VerificationKeySource {
  private readonly keys = new Map<string, KeyObject>([[auth.kid, auth.publicKey]]);
  async getKey(kid: string): Promise<KeyObject | undefined> {
    return this.keys.get(kid);
  }
}

@Module({ providers: [InProcessKeys], exports: [InProcessKeys] })
class KeysModule {}

describe('SsoGuardModule.forRootAsync with identityRoute', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        SsoGuardModule.forRootAsync({
          imports: [KeysModule],
          inject: [InProcessKeys],
          useFactory: async (keySource: InProcessKeys) => ({ audience: [AUDIENCE], issuer: ISSUER, keySource, realm: 'shop-api' }),
          identityRoute: true,
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: new RecordingLogger() });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  it('serves GET /me from the token alone, naming the service by its realm', async () => {
    const response = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${signAccessToken(auth)}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      service: 'shop-api',
      user: { id: 'user-1', email: 'alice@example.com', name: 'Alice', roles: ['customer'] },
    });
  });

  it('protects GET /me, challenging with the configured realm', async () => {
    const response = await fetch(`${url}/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="shop-api"');
  });

  it('validates the options the factory returns when the module is created', async () => {
    const creating = Test.createTestingModule({
      imports: [SsoGuardModule.forRootAsync({ useFactory: () => ({ audience: AUDIENCE, issuer: `${ISSUER}/`, jwksUri: `${ISSUER}/jwks` }) })],
    }).compile();
    await expect(creating).rejects.toThrow(/issuer must be an http\(s\) URL without a trailing slash/);
  });
});
