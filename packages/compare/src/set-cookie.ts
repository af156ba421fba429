/**
 * The `name=value` pair a response set for cookie `name`, ready to send back in a `Cookie` header
 * (attributes dropped; the value exactly as received, still encoded).
 */
export function cookieSetBy(response: Response, name: string): string {
  const pair = response.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0]!.trim())
    .find((candidate) => candidate.startsWith(`${name}=`));
  if (pair === undefined || pair === `${name}=`) {
    throw new Error(`${response.url} set no ${name} cookie (Set-Cookie: ${JSON.stringify(response.headers.getSetCookie())})`);
  }
  return pair;
}
