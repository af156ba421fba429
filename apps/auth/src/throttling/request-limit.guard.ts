import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { clientIp } from './client-ip.js';
import { type AppliedRequestLimit, REQUEST_LIMITS_APPLIED } from './limit-requests.decorator.js';
import { RequestLimiter } from './request-limits.js';
import { tooManyRequests } from './too-many-requests.js';

/**
 * Global guard that counts a request against the limits its controller and route name with
 * `@LimitRequests`, and refuses it with 429 once one is exceeded. Routes without the decorator
 * pass untouched. A refused request never reaches its handler, so it changes nothing.
 */
@Injectable()
export class RequestLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RequestLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const applied = this.reflector.getAllAndMerge<AppliedRequestLimit[]>(REQUEST_LIMITS_APPLIED, [context.getClass(), context.getHandler()]);
    const request = context.switchToHttp().getRequest<Request>();
    const names = applied.filter(({ appliesTo }) => appliesTo?.(request) ?? true).map(({ name }) => name);
    if (names.length === 0) return true;
    const exceeded = await this.limiter.count(clientIp(request), names);
    if (exceeded) throw tooManyRequests(context.switchToHttp().getResponse<Response>(), exceeded.waitMs, exceeded.limit.refusal);
    return true;
  }
}
