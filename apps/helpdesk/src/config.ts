import { httpUrl, resourceServiceSettings } from '@sso/config';
import { z } from 'zod';

/** What helpdesk needs to read a customer's orders from shop on its own behalf; all three, or none. */
const SHOP_CALL_VARIABLES = ['SHOP_URL', 'HELPDESK_CLIENT_ID', 'HELPDESK_CLIENT_SECRET'] as const;

/**
 * Where shop is and helpdesk's client credentials at auth (RFC 6749 §4.4), with which its agents
 * see a ticket's customer's orders. None set: tickets show no orders ("not configured"). Some
 * set: a mistake, refused at boot naming what is missing, rather than an outage found later.
 */
const shopCallSettings = z
  .object({
    SHOP_URL: httpUrl().optional(),
    HELPDESK_CLIENT_ID: z.string().optional(),
    // auth issues 32 random bytes (43 characters) and `clients ensure` takes no fewer than 32.
    HELPDESK_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .superRefine((settings, context) => {
    const set = SHOP_CALL_VARIABLES.filter((variable) => settings[variable] !== undefined);
    if (set.length === 0 || set.length === SHOP_CALL_VARIABLES.length) return;
    const reason = `is required when ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set`;
    for (const missing of SHOP_CALL_VARIABLES.filter((variable) => settings[variable] === undefined)) {
      context.addIssue({ code: 'custom', path: [missing], message: reason });
    }
  });

/** helpdesk's configuration: the settings every resource service reads, helpdesk's port by default, and its calls to shop. */
export const helpdeskConfigSchema = resourceServiceSettings(3002).and(shopCallSettings);
export type HelpdeskConfig = z.output<typeof helpdeskConfigSchema>;

/** Injection token for the validated {@link HelpdeskConfig}. */
export const HELPDESK_CONFIG = Symbol('HELPDESK_CONFIG');
