import { type ResourceServiceConfig, resourceServiceSettings } from '@sso/config';

/** forum's configuration: the settings every resource service reads, forum's port by default. */
export const forumConfigSchema = resourceServiceSettings(3003);
export type ForumConfig = ResourceServiceConfig;

/** Injection token for the validated {@link ForumConfig}. */
export const FORUM_CONFIG = Symbol('FORUM_CONFIG');
