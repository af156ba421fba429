import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DatabaseOutage } from './database-outage.js';

describe('DatabaseOutage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('logs an outage once when it starts and once when a ping finds the database back, outside the request that found it', async () => {
    const requestContext = new AsyncLocalStorage<string>();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const back = new Promise<string | undefined>((resolve) => {
      jest.spyOn(Logger.prototype, 'log').mockImplementation(() => resolve(requestContext.getStore()));
    });
    let pings = 0;
    const outage = new DatabaseOutage(async () => (pings += 1) >= 2); // down at the first ping, back at the second

    requestContext.run('GET /orders', () => {
      outage.report('connect ECONNREFUSED');
      outage.report('connect ECONNREFUSED'); // the same outage: no second line
    });

    // nestjs-pino reads the request from AsyncLocalStorage: it would stamp the end with GET /orders.
    await expect(back).resolves.toBeUndefined();
    expect(pings).toBe(2);
    expect(warn.mock.calls).toEqual([['Database unavailable, answering 503 until it is back: connect ECONNREFUSED']]);
  });
});
