import { clientSecretBasic } from './client-secret-basic.js';
import { describeFetchFailure } from './fetch-failure.js';

/** Why auth gave no token: unreachable, refusing the client's credentials, refusing otherwise, or answering something else. */
export type ClientCredentialsFailure = 'unreachable' | 'credentials_refused' | 'refused' | 'not_a_token';

/** auth gave no token; `detail` (a status, a network error) never holds a token or a secret. */
export class ClientCredentialsTokenError extends Error {
  override readonly name = 'ClientCredentialsTokenError';

  constructor(
    readonly failure: ClientCredentialsFailure,
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}

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

/** A token is used until this long before its `exp`, so it never expires on its way to the service called. */
const RENEW_BEFORE_EXP_MS = 30_000;

interface CachedToken {
  value: string;
  renewAt: number;
}

/**
 * A service's own access token, for calling another service on its own behalf (helpdesk reading
 * orders from shop), from auth's client credentials grant (RFC 6749 §4.4) with
 * `client_secret_basic`. Kept in memory until 30 s before it expires, so auth is asked once per
 * token lifetime rather than once per call, and the other service keeps answering while auth is
 * down as long as the token lives. Concurrent callers share one request to auth. The token is treated as
 * opaque: its lifetime is the answer's `expires_in`.
 */
export class ClientCredentialsToken {
  private cached?: CachedToken;
  private inFlight?: Promise<CachedToken>;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsTokenOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A token valid for at least 30 s more; throws {@link ClientCredentialsTokenError} when auth gives none. */
  async value(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.value;
    this.inFlight ??= this.request().finally(() => (this.inFlight = undefined));
    this.cached = await this.inFlight;
    return this.cached.value;
  }

  /** Drops the cached token (the service called refused it), so the next call asks auth again. */
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
        headers: { authorization: clientSecretBasic(clientId, clientSecret), accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource }),
        redirect: 'error', // the secret goes to the configured endpoint or nowhere
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ClientCredentialsTokenError('unreachable', describeFetchFailure(error));
    }
    const body = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (response.status === 401) throw new ClientCredentialsTokenError('credentials_refused', `HTTP 401 ${String(body?.error)}`);
    if (!response.ok) throw new ClientCredentialsTokenError('refused', `HTTP ${response.status} ${String(body?.error)}`);
    if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new ClientCredentialsTokenError('not_a_token', `HTTP ${response.status}`);
    }
    return { value: body.access_token, renewAt: askedAt + body.expires_in * 1000 - RENEW_BEFORE_EXP_MS };
  }
}
