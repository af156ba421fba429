import { BadRequestException, type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';

/**
 * PostgreSQL text cannot hold U+0000, so a string with a NUL would pass validation and then fail at
 * the database as a 500. Refusing it makes it a 400 for every field of every service at once.
 */
const NUL_CHARACTER_MESSAGE = 'Request body contains a NUL character (\\u0000), which no text field accepts';

/** A `JSON.parse` reviver for request bodies: refuses a NUL in any string value while parsing. */
export function refuseNulCharacters(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) throw new SyntaxError(NUL_CHARACTER_MESSAGE);
  return value;
}

/**
 * Refuses a NUL in any name or value of a body a handler reads (`@Body()`): what the reviver does
 * for JSON, for forms, where `%00` decodes to one. A pipe rather than a parser hook so that it runs
 * inside the route, where the route's own error shape applies (the OAuth token endpoint answers
 * RFC 6749 §5.2 `invalid_request` with `Cache-Control: no-store`).
 */
@Injectable()
export class RefuseNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && containsNul(value)) throw new BadRequestException(NUL_CHARACTER_MESSAGE);
    return value;
  }
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([name, field]) => name.includes('\u0000') || containsNul(field));
  }
  return false;
}
