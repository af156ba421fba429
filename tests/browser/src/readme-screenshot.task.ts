import { it } from '@jest/globals';
import { startTestStack } from '@sso/stack';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './support/chromium.js';
import { panel, signIn } from './support/demo-page.js';

const SCREENSHOT = fileURLToPath(new URL('../../../docs/demo.png', import.meta.url));

it('regenerates docs/demo.png: signed in as Alice, one order placed, the three ways compared', async () => {
  const stack = await startTestStack();
  const chromium = await launchChromium();
  try {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, stack.urls.auth, 'alice@example.com');
    await panel(page, 'shop').getByRole('button', { name: 'Place an order' }).click();
    await panel(page, 'shop').locator('[data-items] li').first().waitFor();
    for (const way of ['token', 'token-cookie', 'session']) {
      await page.locator(`#way-${way}`).getByRole('button').click();
      await page.locator(`#way-${way} li`).nth(3).waitFor();
    }
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    await chromium.close();
    await stack.stop();
  }
}, 120_000);
