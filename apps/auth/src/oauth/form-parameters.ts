import { OAuthError } from './oauth-error.js';

/** A form as the body parser reads it: a repeated parameter is an array. */
export type OAuthForm = Record<string, unknown> | undefined;

/** RFC 6749 §3.2: a required parameter must be present once, with a value. */
export function singleParameter(form: OAuthForm, name: string): string {
  const value = optionalParameter(form, name);
  if (value === undefined) throw new OAuthError('invalid_request', `The request must include a single "${name}" parameter`);
  return value;
}

/** RFC 6749 §3.2: a parameter sent without a value counts as omitted; none may be repeated. */
export function optionalParameter(form: OAuthForm, name: string): string | undefined {
  const value = form?.[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new OAuthError('invalid_request', `The "${name}" parameter must not be repeated`);
  return value;
}

/** A parameter that may be repeated (RFC 8707 §2 `resource`): every value, blanks left out. */
export function repeatedParameter(form: OAuthForm, name: string): string[] {
  const value = form?.[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (values.some((one) => typeof one !== 'string')) throw new OAuthError('invalid_request', `The "${name}" parameter must be text`);
  return (values as string[]).filter((one) => one !== '');
}
