import { type ResourceServiceConfig, resourceServiceSettings } from '@sso/config';

/** helpdesk's configuration: the settings every resource service reads, helpdesk's port by default. */
export const helpdeskConfigSchema = resourceServiceSettings(3002);
export type HelpdeskConfig = ResourceServiceConfig;

/** Injection token for the validated {@link HelpdeskConfig}. */
export const HELPDESK_CONFIG = Symbol('HELPDESK_CONFIG');
