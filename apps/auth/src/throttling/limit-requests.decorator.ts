import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestLimitName } from './request-limits.js';

/** Metadata key of {@link LimitRequests}: the limits a controller or route counts against. */
export const REQUEST_LIMITS_APPLIED = 'throttling:request-limits';

/** A limit as a route applies it: `appliesTo` narrows it to some of the route's requests. */
export interface AppliedRequestLimit {
  name: RequestLimitName;
  appliesTo?: (request: Request) => boolean;
}

/**
 * Counts every request to the decorated controller or route against a per-IP limit of
 * REQUEST_LIMITS; over it, the request answers 429 with `Retry-After` before its handler runs
 * (RequestLimitGuard). A controller's limit and its route's are both counted, the controller's first.
 */
export const LimitRequests = (name: RequestLimitName, appliesTo?: (request: Request) => boolean): ClassDecorator & MethodDecorator =>
  SetMetadata<string, AppliedRequestLimit[]>(REQUEST_LIMITS_APPLIED, [{ name, appliesTo }]);
