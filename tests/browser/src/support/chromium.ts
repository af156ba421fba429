import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's `chromium` package; `.ci/run` installs it. Playwright's own browser download cannot work offline. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether this machine can run the browser tests. In CI (`CI=true`) a missing Chromium is a
 * failure, not a skip: CI installs it, so its absence means the install broke.
 */
export function chromiumAvailable(testNames: readonly string[]): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const why = `${CHROMIUM_PATH} is missing (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`${why}; CI must run the browser tests.`);
  console.warn(`Browser tests NOT run, because ${why}:\n${testNames.map((name) => `  - ${name}`).join('\n')}`);
  return false;
}

export interface RunningBrowser {
  /** The profile's one context: cookies are shared by its pages, as in a real browser window. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile. As root it needs `--no-sandbox`; the network flags keep
 * it from calling Google's hosts, which this machine's closed network refuses (ENVIRONMENT.md).
 */
export async function launchChromium(): Promise<RunningBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'sso-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
