import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { authConfigSchema } from '../config.js';
import { ThrottleStore } from './throttle-store.js';

describe('ThrottleStore outage log', () => {
  const store = new ThrottleStore(authConfigSchema.parse({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/auth' }));
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const info = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);

  afterEach(() => {
    jest.clearAllMocks();
  });

  it('logs an outage once at warn when it starts and once at info when a count succeeds again, never per request', async () => {
    store.counted(); // no outage yet: nothing to say
    for (let request = 0; request < 5; request += 1) store.failed('login answers 503', new Error('connect ECONNREFUSED'));
    store.counted();
    store.counted();
    expect(warn.mock.calls).toEqual([['Throttling store unavailable, login answers 503 until it is back: connect ECONNREFUSED']]);
    expect(info.mock.calls).toEqual([['Throttling store available again']]);

    store.failed('request limits are not applied', new Error('timeout'));
    expect(warn).toHaveBeenCalledTimes(2); // a second outage is announced again
    await store.onModuleDestroy();
  });
});
