import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { RecordingLogger } from '../guard.test-support.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { RefusalSummary } from './refusal-summary.js';

describe('RefusalSummary', () => {
  let logger: RecordingLogger;
  let summary: RefusalSummary;

  beforeEach(() => {
    jest.useFakeTimers();
    logger = new RecordingLogger();
    summary = new RefusalSummary(logger, 10_000);
  });
  afterEach(() => {
    summary.flush();
    jest.useRealTimers();
  });

  const warnings = () => logger.lines.filter((line) => line.level === 'warn').map((line) => line.text);

  it('logs a burst once, when its window closes: how many, why and from where, the most frequent first', () => {
    for (let i = 0; i < 11; i += 1) summary.record('bad_signature', '203.0.113.5');
    summary.record('expired', '198.51.100.7');
    jest.advanceTimersByTime(9_999);
    expect(warnings()).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(warnings()).toEqual(['12 requests refused in the last 10 s: bad_signature 11, expired 1; from 203.0.113.5 (11), 198.51.100.7 (1)']);
  });

  it('logs nothing while nothing is refused, and opens a new window with the next refusal', () => {
    summary.record('expired', '198.51.100.7');
    jest.advanceTimersByTime(10_000);
    jest.advanceTimersByTime(60_000);
    summary.record('unknown_key', '198.51.100.7');
    jest.advanceTimersByTime(10_000);
    expect(warnings()).toEqual([
      '1 request refused in the last 10 s: expired 1; from 198.51.100.7 (1)',
      '1 request refused in the last 10 s: unknown_key 1; from 198.51.100.7 (1)',
    ]);
  });

  it('logs the summary outside the context of the request that opened the window', async () => {
    jest.useRealTimers(); // fake timers run callbacks in the caller's context, which would hide the point
    const requestContext = new AsyncLocalStorage<string>();
    const contextLogger = new RecordingLogger();
    const seenBySummary = new Promise<string | undefined>((resolve) => {
      contextLogger.warn = () => resolve(requestContext.getStore());
    });
    const perRequestSummary = new RefusalSummary(contextLogger, 20);
    requestContext.run('GET /orders', () => perRequestSummary.record('bad_signature', '203.0.113.5'));
    // nestjs-pino reads the request from AsyncLocalStorage: it would stamp the summary with GET /orders.
    await expect(seenBySummary).resolves.toBeUndefined();
  });

  it('flushes early when asked (the service stops)', () => {
    summary.record('malformed_token', '203.0.113.5');
    jest.advanceTimersByTime(3_000);
    summary.flush();
    summary.flush();
    expect(warnings()).toEqual(['1 request refused in the last 3 s: malformed_token 1; from 203.0.113.5 (1)']);
  });

  it('names the five busiest addresses and counts the rest together', () => {
    for (let address = 1; address <= 8; address += 1) {
      for (let i = 0; i < address; i += 1) summary.record('bad_signature', `192.0.2.${address}`);
    }
    jest.advanceTimersByTime(10_000);
    expect(warnings()).toEqual([
      '36 requests refused in the last 10 s: bad_signature 36; from 192.0.2.8 (8), 192.0.2.7 (7), 192.0.2.6 (6), 192.0.2.5 (5), 192.0.2.4 (4) and other addresses (6)',
    ]);
  });

  it('keeps counting, in bounded memory, when every request comes from a new address', () => {
    for (let i = 0; i < 5_000; i += 1) summary.record('bad_signature', `2001:db8::${i.toString(16)}`);
    expect((summary as unknown as { addresses: Map<string, number> }).addresses.size).toBe(1000);
    jest.advanceTimersByTime(10_000);
    expect(warnings()).toEqual([expect.stringMatching(/^5000 requests refused in the last 10 s: bad_signature 5000; from .+ and other addresses \(4995\)$/)]);
  });
});
