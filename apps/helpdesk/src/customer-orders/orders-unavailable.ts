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

/**
 * fetch reports an unreachable server as "fetch failed"; its cause says why (ECONNREFUSED). A
 * timeout is a TimeoutError. Read by shape, not `instanceof`: fetch's errors may come from
 * another realm (as under jest).
 */
export function describeFetchFailure(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, message, cause } = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError') return 'no answer within the timeout';
  return cause?.code ?? cause?.message ?? message ?? String(error);
}
