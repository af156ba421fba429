import { type ResourceServiceConfig, resourceServiceSettings } from '@sso/config';

/** shop's configuration: the settings every resource service reads, shop's port by default. */
export const shopConfigSchema = resourceServiceSettings(3001);
export type ShopConfig = ResourceServiceConfig;

/** Injection token for the validated {@link ShopConfig}. */
export const SHOP_CONFIG = Symbol('SHOP_CONFIG');
