import type { ServiceName } from './service-names.js';

/** The variables `npm start` reads, with their defaults (see the contract's "Ports and configuration"). */
export const PORT_VARIABLES = {
  auth: ['AUTH_PORT', 3000],
  shop: ['SHOP_PORT', 3001],
  helpdesk: ['HELPDESK_PORT', 3002],
  forum: ['FORUM_PORT', 3003],
  postgres: ['PG_PORT', 5433],
} as const satisfies Record<ServiceName | 'postgres', readonly [string, number]>;

export type PortOwner = keyof typeof PORT_VARIABLES;

/** A setting `npm start` cannot use; the message is one line that names the variable. */
export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError';
}

/** Reads and validates every port setting: integers from 1 to 65535, each used once. */
export function readPortSettings(env: Record<string, string | undefined>): Record<PortOwner, number> {
  const ports = Object.fromEntries(
    Object.entries(PORT_VARIABLES).map(([owner, [variable, fallback]]) => [owner, readPort(env, variable, fallback)]),
  ) as Record<PortOwner, number>;
  assertDistinct(ports);
  return ports;
}

/** How the resource services treat auth's session cookie (the contract's `SESSION_MODE`). */
export type SessionMode = 'per-server' | 'shared-store';

const SESSION_MODES: readonly SessionMode[] = ['per-server', 'shared-store'];

/**
 * Reads `SESSION_MODE` (default `per-server`) for the banner. Validated here too, so a typo stops
 * `npm start` in one line before anything starts, rather than after PostgreSQL and auth are up.
 */
export function readSessionMode(env: Record<string, string | undefined>): SessionMode {
  const raw = env.SESSION_MODE; // as the services read it: blank means unset, nothing trimmed
  if (!raw) return 'per-server';
  if (!SESSION_MODES.includes(raw as SessionMode)) {
    throw new InvalidSettingError(`SESSION_MODE must be per-server or shared-store, not "${raw}".`);
  }
  return raw as SessionMode;
}

/**
 * Where `npm start` has the services listen: `HOST` when set, else 127.0.0.1 only, since the demo
 * accounts' password is published in the README. A service run on its own (a container) keeps its
 * default, every interface. Blank means unset, as the services read it; the services validate it.
 */
export function readListenHost(env: Record<string, string | undefined>): string {
  return env.HOST || '127.0.0.1';
}

function readPort(env: Record<string, string | undefined>, variable: string, fallback: number): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new InvalidSettingError(`${variable} must be a port number from 1 to 65535, not "${raw}".`);
  }
  return port;
}

function assertDistinct(ports: Record<PortOwner, number>): void {
  const owners = Object.keys(ports) as PortOwner[];
  for (const [index, owner] of owners.entries()) {
    const clash = owners.slice(index + 1).find((other) => ports[other] === ports[owner]);
    if (clash) {
      throw new InvalidSettingError(
        `${PORT_VARIABLES[owner][0]} and ${PORT_VARIABLES[clash][0]} are both ${ports[owner]}; give each its own port.`,
      );
    }
  }
}
