import type { Page, Request, Response } from 'playwright-core';

/** What the page did on the network and the console, to tell expected refusals from real errors. */
export interface PageTraffic {
  /** `status URL` of every answer of 400 or more. */
  refusals: string[];
  /** Requests that got no answer at all (network error, blocked by CSP or CORS). */
  failed: string[];
  /** Console errors, apart from Chromium's own report of each refusal above. */
  consoleErrors: string[];
}

/** Chromium logs every 4xx answer as a console error; those are counted among the refusals instead. */
const REFUSAL_REPORT = /^Failed to load resource: the server responded with a status of 4\d\d/;

export function watchTraffic(page: Page): PageTraffic {
  const traffic: PageTraffic = { refusals: [], failed: [], consoleErrors: [] };
  page.on('response', (response: Response) => {
    if (response.status() >= 400) traffic.refusals.push(`${response.status()} ${new URL(response.url()).port} ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request: Request) => traffic.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !REFUSAL_REPORT.test(message.text())) traffic.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => traffic.consoleErrors.push(error.message));
  return traffic;
}

/** Opens the page and signs in with the demo account chosen in the select. */
export async function signIn(page: Page, authUrl: string, email: string): Promise<void> {
  await page.goto(authUrl);
  await page.getByLabel('Demo account').selectOption(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: `Signed in as ${email}` }).waitFor();
}

export const panel = (page: Page, service: string) => page.locator(`#panel-${service}`);
