import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type RunningStack } from '@sso/stack';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, type RunningBrowser } from './support/chromium.js';
import { panel, signIn, watchTraffic, type PageTraffic } from './support/demo-page.js';

const SERVICES = ['shop', 'helpdesk', 'forum'] as const;
const ALICE = 'alice@example.com';
const TESTS = [
  'signs in once and every panel shows the same user',
  'places an order and finds it in the shop panel',
  'shows the token cookie accepted everywhere and the session cookie refused by the other services',
  'renews the access token with the refresh token',
  "lets one user be followed through the services' request logs (sub, client_id)",
  'signs out, and every panel refuses',
  'made no request that failed and logged no console error',
];

// Without Chromium (outside CI) the whole block is reported as skipped, with the reason printed above it.
const describeInChromium = chromiumAvailable(TESTS) ? describe : describe.skip;

describeInChromium('the demo page in Chromium', () => {
  let stack: RunningStack;
  let browser: RunningBrowser;
  let page: Page;
  let traffic: PageTraffic;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
    page = await browser.context.newPage();
    traffic = watchTraffic(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it(TESTS[0]!, async () => {
    await signIn(page, stack.urls.auth, ALICE);
    for (const service of SERVICES) {
      await panel(page, service).locator('[data-who]', { hasText: `${service} sees Alice <${ALICE}>` }).waitFor();
    }
  });

  it(TESTS[1]!, async () => {
    const orders = panel(page, 'shop').locator('[data-items] li');
    const before = await orders.count();
    await panel(page, 'shop').getByRole('button', { name: 'Place an order' }).click();
    await orders.nth(before).waitFor();
    expect(await orders.count()).toBe(before + 1);
  });

  it(TESTS[2]!, async () => {
    await page.locator('#way-token-cookie').getByRole('button').click();
    await page.locator('#way-token-cookie li').nth(3).waitFor();
    expect(await page.locator('#way-token-cookie li').allTextContents()).toEqual(
      ['auth', ...SERVICES].map((service) => `${service}: accepted, ${ALICE}`),
    );

    await page.locator('#way-session').getByRole('button').click();
    await page.locator('#way-session li').nth(3).waitFor();
    const answers = await page.locator('#way-session li').allTextContents();
    expect(answers[0]).toBe(`auth: accepted, ${ALICE}`);
    for (const [index, service] of SERVICES.entries()) expect(answers[index + 1]).toMatch(new RegExp(`^${service}: refused: 401`));
  });

  it(TESTS[3]!, async () => {
    const tokenId = async () => (JSON.parse((await page.locator('#token-claims').textContent())!) as { jti: string }).jti;
    const before = await tokenId();
    await page.getByRole('button', { name: 'Renew now' }).click();
    await page.getByRole('status').filter({ hasText: 'token renewed' }).waitFor();
    expect(await tokenId()).not.toBe(before);
  });

  it(TESTS[4]!, async () => {
    const claims = JSON.parse((await page.locator('#token-claims').textContent())!) as { sub: string; client_id: string };
    for (const service of SERVICES) {
      const lines = (await readFile(stack.logFile(service)!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      const meLine = lines.find((line) => line.req?.url === '/me' && line.res?.statusCode === 200);
      expect(meLine).toMatchObject({ sub: claims.sub, client_id: claims.client_id });
    }
  });

  it(TESTS[5]!, async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed out' }).waitFor();
    for (const service of SERVICES) {
      await panel(page, service).locator('[data-who]', { hasText: `${service} refused: 401` }).waitFor();
    }
  });

  it(TESTS[6]!, () => {
    expect(traffic.failed).toEqual([]);
    expect(traffic.consoleErrors).toEqual([]);
    const port = (service: (typeof SERVICES)[number]) => new URL(stack.urls[service]).port;
    // The session panel's three refusals, then the three panels' /me after sign-out.
    expect(traffic.refusals.sort()).toEqual(
      [...SERVICES.map((service) => `401 ${port(service)} /session/me`), ...SERVICES.map((service) => `401 ${port(service)} /me`)].sort(),
    );
  });
});
