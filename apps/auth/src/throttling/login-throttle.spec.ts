import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { startTestDatabase, type TestDatabase } from '@sso/stack';
import { authConfigSchema } from '../config.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { ClientAuthenticationThrottle, type LoginAdmission, type LoginAttempt, LoginThrottle } from './login-throttle.js';
import { ThrottleStore } from './throttle-store.js';

// The contract's policy is 10 failures in 15 minutes; a short window here lets the lock lift
// while the test watches, with the same code and the same table.
const WINDOW = { limit: 3, windowSeconds: 2 };
const EMAIL = 'victim@example.test';
const IP = '203.0.113.9';

describe('LoginThrottle (on a real PostgreSQL)', () => {
  let database: TestDatabase;
  let store: ThrottleStore;
  let prisma: PrismaService;
  let throttle: LoginThrottle;

  beforeAll(async () => {
    database = await startTestDatabase({ name: 'auth', migrations: new URL('../../prisma/migrations', import.meta.url) });
    const config = authConfigSchema.parse({ DATABASE_URL: database.url });
    store = new ThrottleStore(config);
    prisma = new PrismaService(config);
    throttle = new LoginThrottle(store, WINDOW);
  });
  // Quiet for the whole file: the lockout warnings are what one test reads, and the pool's
  // connections are cut when the database stops.
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  afterEach(async () => {
    warn.mockClear();
    await prisma.rateLimit.deleteMany();
  });
  afterAll(async () => {
    await store?.onModuleDestroy();
    await prisma?.$disconnect();
    await database?.stop();
    warn.mockRestore();
  });

  const attemptOf = (admission: LoginAdmission): LoginAttempt => {
    if (!admission.admitted) throw new Error(`refused for ${admission.waitMs} ms`);
    return admission.attempt;
  };
  const fail = async (email = EMAIL, ip = IP) => attemptOf(await throttle.admit(email, ip)).failed();

  it('refuses the pair after `limit` failures, until the window that began with the first one ends', async () => {
    for (let failure = 0; failure < WINDOW.limit; failure += 1) await fail();
    const refused = await throttle.admit(EMAIL, IP);
    expect(refused.admitted).toBe(false);
    const waitMs = (refused as { waitMs: number }).waitMs;
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(WINDOW.windowSeconds * 1000);

    await new Promise((resolve) => setTimeout(resolve, waitMs + 50));
    expect((await throttle.admit(EMAIL, IP)).admitted).toBe(true);
  });

  it('counts the account in one form and leaves the same account from another address alone', async () => {
    for (const email of ['Victim@Example.test', ' victim@example.test', 'VICTIM@EXAMPLE.TEST']) await fail(email);
    expect((await throttle.admit(EMAIL, IP)).admitted).toBe(false);
    expect((await throttle.admit(EMAIL, '198.51.100.1')).admitted).toBe(true);
    expect((await throttle.admit('someone-else@example.test', IP)).admitted).toBe(true);
  });

  it('counts an IPv6 client by its /64, so fresh addresses from it do not buy more guesses', async () => {
    for (const host of ['1', '2', '3']) await fail(EMAIL, `2001:db8:0:1::${host}`);
    expect((await throttle.admit(EMAIL, '2001:db8:0:1::ffff')).admitted).toBe(false);
    expect((await throttle.admit(EMAIL, '2001:db8:0:2::1')).admitted).toBe(true);
  });

  it('admits no more than `limit` of a burst of concurrent attempts (counted before the password is checked)', async () => {
    const admissions = await Promise.all(Array.from({ length: 12 }, () => throttle.admit(EMAIL, IP)));
    expect(admissions.filter((admission) => admission.admitted)).toHaveLength(WINDOW.limit);
  });

  it('forgets the pair failures on a success, and counts nothing for an attempt abandoned before the check', async () => {
    for (let failure = 0; failure < WINDOW.limit - 1; failure += 1) await fail();
    await attemptOf(await throttle.admit(EMAIL, IP)).succeeded();
    expect(await prisma.rateLimit.count()).toBe(0);

    for (let abandoned = 0; abandoned < WINDOW.limit + 2; abandoned += 1) await attemptOf(await throttle.admit(EMAIL, IP)).abandoned();
    for (let failure = 0; failure < WINDOW.limit; failure += 1) await fail();
    expect((await throttle.admit(EMAIL, IP)).admitted).toBe(false);
  });

  it('logs a lockout once, at warn, with the account, the address and until when', async () => {
    for (let failure = 0; failure < WINDOW.limit; failure += 1) await fail();
    for (let refused = 0; refused < 3; refused += 1) await throttle.admit(EMAIL, IP);
    expect(warn).toHaveBeenCalledTimes(1);
    const [fields, message] = warn.mock.calls[0]! as [Record<string, unknown>, string];
    expect(fields).toEqual({ event: 'login_locked', email: EMAIL, ip: IP, until: expect.any(String), failures: WINDOW.limit });
    expect(Date.parse(fields.until as string) - Date.now()).toBeGreaterThan(0);
    expect(message).toContain(`${EMAIL} from ${IP} until ${fields.until as string}`);
  });

  it('keeps the count in the shared table, under a key naming the address and the account', async () => {
    await fail();
    const [row] = await prisma.rateLimit.findMany();
    expect(row).toMatchObject({ key: `login-failures:${IP} ${EMAIL}`, points: 1 });
    expect(Number(row!.expire) - Date.now()).toBeLessThanOrEqual(WINDOW.windowSeconds * 1000);
  });

  it('counts applications’ failed client authentications apart from logins, under their own key and lockout event', async () => {
    const clients = new ClientAuthenticationThrottle(store, WINDOW);
    for (let failure = 0; failure < WINDOW.limit; failure += 1) await attemptOf(await clients.admit('Reporting-1', IP)).failed();
    expect((await clients.admit('Reporting-1', IP)).admitted).toBe(false);
    expect((await clients.admit('reporting-1', IP)).admitted).toBe(true); // client ids are compared exactly
    expect((await throttle.admit('Reporting-1', IP)).admitted).toBe(true); // the login counter never saw them
    // Only the failures were written: the refused attempt and the admissions counted nothing.
    expect(await prisma.rateLimit.findUnique({ where: { key: `client-authentication-failures:${IP} Reporting-1` } })).toMatchObject({ points: WINDOW.limit });
    const [fields] = warn.mock.calls[0]! as [Record<string, unknown>];
    expect(fields).toMatchObject({ event: 'client_authentication_locked', client_id: 'Reporting-1', ip: IP });
  });

  it('never locks out an application by its own concurrency: many simultaneous successes count nothing', async () => {
    const clients = new ClientAuthenticationThrottle(store, WINDOW);
    const admissions = await Promise.all(Array.from({ length: WINDOW.limit * 5 }, () => clients.admit('busy-resource-server', IP)));
    expect(admissions.every((admission) => admission.admitted)).toBe(true);
    await Promise.all(admissions.map((admission) => attemptOf(admission).succeeded()));
    expect((await clients.admit('busy-resource-server', IP)).admitted).toBe(true);
    expect(await prisma.rateLimit.findUnique({ where: { key: `client-authentication-failures:${IP} busy-resource-server` } })).toBeNull();
  });

  it('refuses logins with 503 while the store cannot count (fail closed), rather than letting guesses through', async () => {
    const unreachable = new ThrottleStore(authConfigSchema.parse({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/auth' }));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const unreachableThrottle = new LoginThrottle(unreachable, WINDOW);
      await expect(unreachableThrottle.admit(EMAIL, IP)).rejects.toBeInstanceOf(ServiceUnavailableException);
      await expect(unreachableThrottle.admit(EMAIL, IP)).rejects.toBeInstanceOf(ServiceUnavailableException);
      expect(warn).toHaveBeenCalledTimes(1); // the outage, not each refused login
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Throttling store unavailable, login answers 503 until it is back/));
    } finally {
      warn.mockRestore();
      await unreachable.onModuleDestroy();
    }
  });
});
