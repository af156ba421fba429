import type { ServiceOptions } from '@sso/bootstrap';
import type { AuthConfig } from '../config.js';

/**
 * helmet's defaults (a strict Content-Security-Policy: scripts and styles from auth itself only)
 * plus the one thing the demo page needs: to fetch from the resource services (CSP Level 3,
 * `connect-src`). Everything else stays as strict as on the JSON-only services, except
 * `upgrade-insecure-requests` where a service is plain http (`npm start` on localhost): the
 * browser would rewrite the page's calls to https, which nothing answers.
 */
export function demoPageHelmetOptions(config: AuthConfig): ServiceOptions['helmet'] {
  const services = [config.DEMO_SHOP_URL, config.DEMO_HELPDESK_URL, config.DEMO_FORUM_URL];
  return {
    contentSecurityPolicy: {
      directives: {
        connectSrc: ["'self'", ...services],
        upgradeInsecureRequests: services.every((url) => url.startsWith('https:')) ? [] : null,
      },
    },
  };
}
