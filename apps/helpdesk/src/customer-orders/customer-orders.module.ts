import { Logger, Module } from '@nestjs/common';
import { ClientCredentialsToken } from '@sso/guard';
import { HELPDESK_CONFIG, type HelpdeskConfig } from '../config.js';
import type { CustomerOrders } from './customer-orders.js';
import { ShopOrdersClient } from './shop-orders.client.js';

/** Injection token for the {@link CustomerOrdersSource}. */
export const CUSTOMER_ORDERS = Symbol('CUSTOMER_ORDERS');

/** Where a ticket's customer's orders come from. */
export interface CustomerOrdersSource {
  recentOrders(customerId: string): Promise<CustomerOrders>;
}

/** How long auth and shop may each take: an agent waits for the ticket, not for the orders. */
const CALL_TIMEOUT_MS = 2_000;

const NOT_CONFIGURED: CustomerOrdersSource = {
  recentOrders: async () => ({ available: false, reason: 'not configured' }),
};

/** Provides {@link CUSTOMER_ORDERS}: shop through helpdesk's client credentials, or "not configured". */
@Module({
  providers: [{ provide: CUSTOMER_ORDERS, inject: [HELPDESK_CONFIG], useFactory: customerOrdersSource }],
  exports: [CUSTOMER_ORDERS],
})
export class CustomerOrdersModule {}

function customerOrdersSource(config: HelpdeskConfig): CustomerOrdersSource {
  const { SHOP_URL, HELPDESK_CLIENT_ID, HELPDESK_CLIENT_SECRET } = config;
  // The configuration schema allows all three or none.
  if (!SHOP_URL || !HELPDESK_CLIENT_ID || !HELPDESK_CLIENT_SECRET) {
    new Logger('CustomerOrders').log('SHOP_URL is not set: tickets show no customer orders');
    return NOT_CONFIGURED;
  }
  const token = new ClientCredentialsToken({
    // Where helpdesk reaches auth, not the issuer's public URL from discovery, which only a
    // browser may be able to reach (compose).
    tokenEndpoint: `${config.AUTH_URL}/oauth/token`,
    clientId: HELPDESK_CLIENT_ID,
    clientSecret: HELPDESK_CLIENT_SECRET,
    scope: 'orders:read',
    resource: 'shop',
    timeoutMs: CALL_TIMEOUT_MS,
  });
  return new ShopOrdersClient({ shopUrl: SHOP_URL, token, timeoutMs: CALL_TIMEOUT_MS });
}
