import { Logger, ServiceUnavailableException } from '@nestjs/common';

/**
 * The session store (auth's database) failed or did not answer in time. A 503, not a 500: the
 * request was fine and may succeed later (RFC 9110 §15.6.4); and never a hang.
 */
export class SessionStoreUnavailable extends ServiceUnavailableException {
  constructor() {
    super('The session store is unavailable; try again later');
  }
}

const logger = new Logger('Sessions');

/** Logs why a store operation failed (the error's message only: never a cookie or session data) and returns the 503. */
export function sessionStoreFailure(operation: string, error: unknown): SessionStoreUnavailable {
  logger.error(`Could not ${operation} a session: ${error instanceof Error ? error.message : String(error)}`);
  return new SessionStoreUnavailable();
}
