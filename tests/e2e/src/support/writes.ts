import type { RunningStack } from '@sso/stack';
import type { RESOURCE_SERVICES } from './demo.js';
import { call, type CallOptions, type Reply } from './http.js';

type ResourceService = (typeof RESOURCE_SERVICES)[number];

/** One state-changing request per service, as the contract defines them. */
export async function createSomething(stack: RunningStack, service: ResourceService, options: CallOptions): Promise<Reply> {
  const url = stack.urls[service];
  if (service === 'shop') {
    const productId = (await call('GET', `${url}/products`)).body[0].id;
    return call('POST', `${url}/orders`, { ...options, json: { productId, quantity: 1 } });
  }
  if (service === 'helpdesk') return call('POST', `${url}/tickets`, { ...options, json: { subject: 'From a cookie', body: 'Hello' } });
  return call('POST', `${url}/threads`, { ...options, json: { title: 'From a cookie', body: 'Hello' } });
}

/** How many things the caller has on a service: orders, tickets, or (public) threads. */
export async function countOf(stack: RunningStack, service: ResourceService, token: string): Promise<number> {
  const path = { shop: '/orders', helpdesk: '/tickets', forum: '/threads' }[service];
  const reply = await call('GET', `${stack.urls[service]}${path}`, { token });
  if (reply.status !== 200) throw new Error(`GET ${path} on ${service} answered ${reply.status}`);
  return reply.body.length;
}
