import { DependencyUnavailableError } from '../rejections/dependency-unavailable.js';
import type { IntrospectionSettings } from './introspection-settings.js';

/** auth's answer about a token (RFC 7662 §2.2): `active`, and when it is, the token's claims. */
export type IntrospectionAnswer = { active: false } | ({ active: true } & Record<string, unknown>);

/** auth's introspection endpoint did not answer in time, or answered something other than RFC 7662 §2.2. */
export class IntrospectionUnavailableError extends DependencyUnavailableError {
  override readonly name = 'IntrospectionUnavailableError';
  readonly dependency = 'Token introspection';
}

/**
 * Asks auth about one token (RFC 7662 §2.1): a form-encoded `token`, this service authenticated as
 * its client with `client_secret_basic`. No retry and no cache: the point of introspection is that
 * each request hears auth's current word (a revoked application is refused at once). Anything but
 * a timely 200 with a JSON object holding a boolean `active` is {@link IntrospectionUnavailableError}:
 * a 401 from auth means this service's own client is wrong, never the caller's token.
 */
export async function introspect(token: string, settings: IntrospectionSettings): Promise<IntrospectionAnswer> {
  let response: Response;
  try {
    response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: { authorization: settings.authorization, accept: 'application/json' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      // A redirect would carry our client secret elsewhere.
      redirect: 'error',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (cause) {
    throw new IntrospectionUnavailableError(`auth did not answer at ${settings.endpoint} (${describe(cause)})`, { cause });
  }
  if (response.status === 401) throw new IntrospectionUnavailableError("auth refused this service's introspection client (401): check INTROSPECTION_CLIENT_ID and INTROSPECTION_CLIENT_SECRET");
  if (!response.ok) throw new IntrospectionUnavailableError(`auth answered HTTP ${response.status} at ${settings.endpoint}`);
  const answer = await jsonOf(response);
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || typeof (answer as { active?: unknown }).active !== 'boolean') {
    throw new IntrospectionUnavailableError('auth answered something that is not an introspection response (RFC 7662 §2.2)');
  }
  return answer as IntrospectionAnswer;
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    throw new IntrospectionUnavailableError(`auth's introspection answer could not be read as JSON (${describe(cause)})`, { cause });
  }
}

/** The cause in a few words: a timeout, a refused connection, never a stack. */
function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message;
}
