import { describe, expect, it, jest } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { StartupQuietLogger } from './startup-quiet.logger.js';

describe('StartupQuietLogger', () => {
  const inner = { log: jest.fn(), error: jest.fn(), warn: jest.fn(), debug: jest.fn(), verbose: jest.fn(), fatal: jest.fn() };
  const logger = new StartupQuietLogger(inner as LoggerService);

  it('demotes module and route announcements to debug', () => {
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/me, GET} route', 'RouterExplorer');
    expect(inner.debug).toHaveBeenCalledTimes(2);
    expect(inner.log).not.toHaveBeenCalled();
  });

  it('keeps everything else at its level', () => {
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('Access token rejected', 'AccessTokenGuard');
    logger.error('boom', 'HttpErrorFilter');
    expect(inner.log).toHaveBeenCalledWith('Nest application successfully started', 'NestApplication');
    expect(inner.warn).toHaveBeenCalledWith('Access token rejected', 'AccessTokenGuard');
    expect(inner.error).toHaveBeenCalledWith('boom', 'HttpErrorFilter');
  });
});
