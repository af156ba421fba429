/**
 * Why helpdesk could not read a customer's orders: `reason` is what the agent reads (a few words,
 * naming the service at fault), `detail` what the log adds (the status, the network error).
 * Neither ever holds a token or a secret.
 */
export class OrdersUnavailableError extends Error {
  override readonly name = 'OrdersUnavailableError';

  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(`${reason} (${detail})`);
  }
}
