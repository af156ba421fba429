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
