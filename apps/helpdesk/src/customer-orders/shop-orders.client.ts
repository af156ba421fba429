import { Logger, type LoggerService } from '@nestjs/common';
import { type ClientCredentialsFailure, type ClientCredentialsToken, ClientCredentialsTokenError, describeFetchFailure } from '@sso/guard';
import { type CustomerOrders, customerOrdersFrom } from './customer-orders.js';
import { OrdersUnavailableError } from './orders-unavailable.js';

/** What {@link ShopOrdersClient} needs. */
export interface ShopOrdersClientOptions {
  shopUrl: string;
  /** helpdesk's own token, with scope `orders:read` and audience `shop`. */
  token: ClientCredentialsToken;
  /** How long shop may take to answer. */
  timeoutMs: number;
  logger?: LoggerService;
}

/** What the agent reads when auth gave helpdesk no token. */
const NO_TOKEN_REASONS: Readonly<Record<ClientCredentialsFailure, string>> = {
  unreachable: 'auth did not answer',
  credentials_refused: 'auth refused helpdesk’s credentials',
  refused: 'auth refused to issue a token',
  not_a_token: 'auth answered something other than a token',
};

/** As many orders as an agent needs to see beside a ticket. */
const RECENT_ORDER_COUNT = 5;

/**
 * Reads a customer's recent orders from shop (`GET /customers/:id/orders`) with helpdesk's own
 * token. Never throws: when auth or shop cannot help, the answer says so, and the ticket loads
 * without the orders. An outage is logged once when it starts (or its cause changes) and once when
 * it ends, not once per ticket opened during it.
 */
export class ShopOrdersClient {
  private readonly logger: LoggerService;
  /** The reason of the ongoing outage, if one is on. */
  private outage?: string;

  constructor(private readonly options: ShopOrdersClientOptions) {
    this.logger = options.logger ?? new Logger('CustomerOrders');
  }

  async recentOrders(customerId: string): Promise<CustomerOrders> {
    try {
      const orders = await this.fetchOrders(customerId);
      this.recovered();
      return { available: true, orders };
    } catch (error) {
      if (!(error instanceof OrdersUnavailableError)) throw error;
      this.failed(error);
      return { available: false, reason: error.reason };
    }
  }

  private async fetchOrders(customerId: string) {
    const token = await this.token();
    const url = `${this.options.shopUrl}/customers/${encodeURIComponent(customerId)}/orders?limit=${RECENT_ORDER_COUNT}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        redirect: 'error', // the token goes to the configured shop or nowhere
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new OrdersUnavailableError('shop did not answer', describeFetchFailure(error));
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401 || response.status === 403) {
      // A token shop no longer takes (a retired key, a changed scope): the next ticket asks auth for a new one.
      this.options.token.forget(token);
      throw new OrdersUnavailableError('shop refused helpdesk’s token', `HTTP ${response.status}`);
    }
    if (!response.ok) throw new OrdersUnavailableError(`shop failed (HTTP ${response.status})`, `HTTP ${response.status}`);
    const orders = customerOrdersFrom(body);
    if (!orders) throw new OrdersUnavailableError('shop answered something other than orders', `HTTP ${response.status}`);
    return orders;
  }

  private async token(): Promise<string> {
    try {
      return await this.options.token.value();
    } catch (error) {
      if (error instanceof ClientCredentialsTokenError) throw new OrdersUnavailableError(NO_TOKEN_REASONS[error.failure], error.detail);
      throw error;
    }
  }

  private failed(error: OrdersUnavailableError): void {
    if (this.outage === error.reason) return;
    this.outage = error.reason;
    this.logger.warn(`Tickets load without the customer's orders until this is fixed: ${error.message}`);
  }

  private recovered(): void {
    if (this.outage === undefined) return;
    this.outage = undefined;
    this.logger.log('Customer orders load again');
  }
}
