import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import type { Response } from 'express';
import { authConfigSchema } from '../config.js';
import { REQUEST_LIMITS, RequestLimiter } from './request-limits.js';
import { ThrottleStore } from './throttle-store.js';
import { tooManyRequests } from './too-many-requests.js';

// Small limits in a short window: the same counting, watched to the end of a window.
const LIMITS = {
  auth: { limit: 4, windowSeconds: 1, refusal: 'auth' },
  register: { limit: 2, windowSeconds: 1, refusal: 'register' },
  refresh: { limit: 2, windowSeconds: 1, refusal: 'refresh' },
};

describe('RequestLimiter (on a real PostgreSQL)', () => {
  let database: TestDatabase;
  let store: ThrottleStore;
  let limiter: RequestLimiter;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    store = new ThrottleStore(authConfigSchema.parse({ DATABASE_URL: database.url }));
    limiter = new RequestLimiter(store, LIMITS);
  });
  afterAll(async () => {
    await store?.onModuleDestroy();
    await database?.stop();
  });

  it('holds the numbers of the contract: 300 a minute on /auth/*, 60 on register, 60 on refresh', () => {
    expect(REQUEST_LIMITS).toMatchObject({
      auth: { limit: 300, windowSeconds: 60 },
      register: { limit: 60, windowSeconds: 60 },
      refresh: { limit: 60, windowSeconds: 60 },
    });
  });

  it('refuses the request after the limit, names the limit, and lets requests through again once the window ends', async () => {
    const ip = '192.0.2.1';
    for (let request = 0; request < LIMITS.register.limit; request += 1) await expect(limiter.count(ip, ['auth', 'register'])).resolves.toBeUndefined();
    const exceeded = await limiter.count(ip, ['auth', 'register']);
    expect(exceeded?.limit).toBe(LIMITS.register);
    expect(exceeded!.waitMs).toBeLessThanOrEqual(1000);
    await expect(limiter.count('192.0.2.2', ['auth', 'register'])).resolves.toBeUndefined(); // another address

    await new Promise((resolve) => setTimeout(resolve, exceeded!.waitMs + 50));
    await expect(limiter.count(ip, ['auth', 'register'])).resolves.toBeUndefined();
  });

  it('counts each limit apart: the overall one grows with every request, the others only with theirs', async () => {
    const ip = '192.0.2.3';
    await limiter.count(ip, ['auth', 'refresh']);
    await limiter.count(ip, ['auth', 'refresh']);
    await expect(limiter.count(ip, ['auth', 'register'])).resolves.toBeUndefined(); // refresh's count is not register's
    await limiter.count(ip, ['auth']);
    expect((await limiter.count(ip, ['auth']))?.limit).toBe(LIMITS.auth);
  });

  it('lets requests through when the store fails (fail open), with one warning for the outage', async () => {
    const unreachable = new ThrottleStore(authConfigSchema.parse({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/auth' }));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await expect(new RequestLimiter(unreachable, LIMITS).count('192.0.2.4', ['auth'])).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Throttling store unavailable, request limits are not applied until it is back/));
    } finally {
      warn.mockRestore();
      await unreachable.onModuleDestroy();
    }
  });
});

describe('tooManyRequests', () => {
  it.each([
    [1, 1],
    [1000, 1],
    [1001, 2],
    [59_500, 60],
    [0, 1],
  ])('answers a wait of %p ms with Retry-After: %p (whole seconds, rounded up, at least 1)', (waitMs, seconds) => {
    const headers = new Map<string, string>();
    const response = { setHeader: (name: string, value: string) => headers.set(name, value) } as unknown as Response;
    const refusal = tooManyRequests(response, waitMs, 'Too many');
    expect(headers.get('Retry-After')).toBe(String(seconds));
    expect(refusal.getStatus()).toBe(429);
    expect(refusal.message).toBe(`Too many; try again in ${seconds} seconds`);
  });
});
