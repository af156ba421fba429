import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** An error shaped like the ones Prisma 7 throws through @prisma/adapter-pg (seen by experiment). */
const prismaError = (code: string, sqlState?: string) =>
  Object.assign(new Error('\nInvalid `prisma.order.findMany()` invocation:\n\nsomething'), {
    code,
    meta: sqlState === undefined ? {} : { driverAdapterError: { cause: { originalCode: sqlState } } },
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['an unreachable server (P1001)', prismaError('P1001')],
    ['a server that never answers a query (node-postgres query_timeout)', new Error('Query read timeout')],
    ['a server that never completes a connection (connectionTimeoutMillis)', new Error('Connection terminated due to connection timeout')],
    ['a statement cancelled by statement_timeout (SQLSTATE 57014)', prismaError('P2010', '57014')],
    ['a server shutting down (SQLSTATE 57P01)', prismaError('P2010', '57P01')],
  ])('says yes for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique constraint (P2002)', prismaError('P2002')],
    ['a raw query error that is the query’s fault (SQLSTATE 42601)', prismaError('P2010', '42601')],
    ['an unrelated error', new Error('boom')],
    ['an HTTP error with a code of its own', Object.assign(new Error('Query read timeout'), { code: 'E_OTHER' })],
    ['something not an Error', 'P1001'],
  ])('says no for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
