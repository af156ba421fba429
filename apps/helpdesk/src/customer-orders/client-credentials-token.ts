import { describeFetchFailure, OrdersUnavailableError } from './orders-unavailable.js';

/** What {@link ClientCredentialsToken} needs. */
export interface ClientCredentialsTokenOptions {
  /** auth's token endpoint, reached where the service reaches auth (`AUTH_URL`), not at the public issuer. */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  /** The scope asked for (RFC 6749 §3.3). */
  scope: string;
  /** The service the token is for (RFC 8707 `resource`): its `aud`. */
  resource: string;
  /** How long auth may take to answer. */
  timeoutMs: number;
  /** Replaces `Date.now` (tests). */
  now?: () => number;
}

/** A token is used until this long before its `exp`, so it never expires on its way to shop. */
const RENEW_BEFORE_EXP_MS = 30_000;

interface CachedToken {
  value: string;
  renewAt: number;
}

/**
 * helpdesk's own access token, from auth's client credentials grant (RFC 6749 §4.4) with
 * `client_secret_basic`. Kept in memory until 30 s before it expires, so auth is asked once per
 * token lifetime rather than once per ticket, and shop keeps answering while auth is down as long
 * as the token lives. Concurrent callers share one request to auth. The token is treated as
 * opaque: its lifetime is the answer's `expires_in`.
 */
export class ClientCredentialsToken {
  private cached?: CachedToken;
  private inFlight?: Promise<CachedToken>;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsTokenOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A token valid for at least 30 s more; throws {@link OrdersUnavailableError} when auth gives none. */
  async value(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.value;
    this.inFlight ??= this.request().finally(() => (this.inFlight = undefined));
    this.cached = await this.inFlight;
    return this.cached.value;
  }

  /** Drops the cached token (shop refused it), so the next call asks auth again. */
  forget(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async request(): Promise<CachedToken> {
    const { tokenEndpoint, clientId, clientSecret, scope, resource, timeoutMs } = this.options;
    const askedAt = this.now();
    let response: Response;
    try {
      response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { authorization: basicCredentials(clientId, clientSecret), accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource }),
        redirect: 'error', // the secret goes to the configured endpoint or nowhere
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new OrdersUnavailableError('auth did not answer', describeFetchFailure(error));
    }
    const body = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (response.status === 401) throw new OrdersUnavailableError('auth refused helpdesk’s credentials', `HTTP 401 ${String(body?.error)}`);
    if (!response.ok) throw new OrdersUnavailableError('auth refused to issue a token', `HTTP ${response.status} ${String(body?.error)}`);
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new OrdersUnavailableError('auth answered something other than a token', `HTTP ${response.status}`);
    }
    return { value: body.access_token, renewAt: askedAt + body.expires_in * 1000 - RENEW_BEFORE_EXP_MS };
  }
}

/**
 * RFC 6749 §2.3.1: id and secret are each form-urlencoded (Appendix B), then joined by a colon
 * and base64-encoded (RFC 7617). Encoding first keeps a colon in the id from splitting it.
 */
function basicCredentials(clientId: string, clientSecret: string): string {
  const formEncoded = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);
  return `Basic ${Buffer.from(`${formEncoded(clientId)}:${formEncoded(clientSecret)}`).toString('base64')}`;
}
