import { createParamDecorator, type ExecutionContext, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, Request } from 'express';
import ipaddr from 'ipaddr.js';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';

/**
 * The client's IP address: express's `request.ip`, which is the socket's address unless
 * `TRUST_PROXY` names the proxy in front of auth; then the address that proxy reports in
 * `X-Forwarded-For`, read only as far back as the hops it trusts.
 */
export function clientIp(request: Request): string {
  return request.ip ?? 'unknown';
}

/** A handler parameter: the {@link clientIp} of the request. */
export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string => clientIp(context.switchToHttp().getRequest<Request>()));

/**
 * Whom a per-IP counter counts: an IPv4 address as it is, an IPv6 address by its /64 network.
 * The last 64 bits of an IPv6 address are the host's own to choose (RFC 4291 §2.5.1), so counting
 * single addresses would let one host draw a fresh one for every request and never meet a limit.
 * An IPv4 client on an IPv6 socket (`::ffff:192.0.2.1`) counts as its IPv4 address.
 */
export function throttledAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}

/**
 * Hands `TRUST_PROXY` to express once, at boot, so that `request.ip` believes only that proxy
 * (and `request.secure` its `X-Forwarded-Proto`, which marks cookies `Secure` behind a TLS proxy).
 */
@Injectable()
export class TrustProxySetting implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.getInstance<Application>().set('trust proxy', this.config.TRUST_PROXY ?? false);
  }
}
