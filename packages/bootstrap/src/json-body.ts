/**
 * A `JSON.parse` reviver for request bodies. PostgreSQL text cannot hold U+0000, so a string with a
 * NUL would pass validation and then fail at the database as a 500; refusing it while parsing
 * makes it a 400 for every field of every service at once.
 */
export function refuseNulCharacters(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) {
    throw new SyntaxError('Request body contains a NUL character (\\u0000), which no text field accepts');
  }
  return value;
}
