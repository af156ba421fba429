/**
 * Why the guard refused a caller it did authenticate (403). Stable names, like the token rejection
 * reasons: tests, log lines and dashboards refer to them.
 *
 * - `insufficient_scope`: the route's `@Scopes` are not all in the token's `scope` (RFC 6750 §3.1);
 *   a session has no scopes
 * - `application_not_admitted`: an application's token on a route for users (neither `@Scopes`
 *   nor `@AllowApplications`)
 */
export type AccessRefusalReason = 'insufficient_scope' | 'application_not_admitted';

/** The human text for each reason: the 403 body's `message`. RFC 6750 §3 allows no `"` or `\` in it. */
export const ACCESS_REFUSAL_DESCRIPTIONS: Readonly<Record<AccessRefusalReason, string>> = {
  insufficient_scope: 'Access token lacks a required scope',
  application_not_admitted: 'Application tokens are not accepted here: this route is for users',
};

/** A refusal of an authenticated caller: the reason, and the text naming what was missing. */
export interface AccessRefusal {
  reason: AccessRefusalReason;
  message: string;
}
