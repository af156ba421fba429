import { isUtf8 } from 'node:buffer';

/** Deeper than any body a service accepts; class-transformer overflows the stack near 1,300 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * body-parser's `verify` hook for JSON: the body must be UTF-8 ({@link refuseInvalidUtf8}) and
 * nested no deeper than {@link MAX_JSON_DEPTH} ({@link limitJsonNesting}).
 */
export function verifyJsonBody(request: unknown, response: unknown, body: Buffer): void {
  refuseInvalidUtf8(body);
  limitJsonNesting(request, response, body);
}

/**
 * Refuses a body that is not valid UTF-8 with 400. body-parser decodes without complaint, turning
 * every invalid byte into U+FFFD, so a ticket would be stored with characters its author never
 * sent, and a login compared against an address nobody typed. RFC 8259 §8.1: JSON between systems
 * is UTF-8, so such a body is malformed JSON, as a missing bracket is (the media type was right).
 */
function refuseInvalidUtf8(body: Buffer): void {
  if (!isUtf8(body)) throw new BodyVerifyError('Request body is not valid UTF-8');
}

/**
 * Refuses JSON nested deeper than {@link MAX_JSON_DEPTH} with 400 before it is parsed. Validation
 * walks a body recursively, so a small body of a few thousand brackets would otherwise exhaust the
 * stack and answer 500. One pass over the bytes, skipping strings; whether the JSON is well formed
 * is left to the parser. Counting bytes is sound only because bodies are UTF-8 (request-body.ts
 * refuses other charsets): there, no byte of a multi-byte character is a bracket, quote or
 * backslash. In UTF-16 one can be (U+225C is the bytes `\"`, which throws the string tracking off),
 * and UTF-7 writes the brackets themselves in base64 (`+AFs-`).
 */
function limitJsonNesting(_request: unknown, _response: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) throw new BodyVerifyError(`Request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Carries the 400 status that body-parser passes on (its verify failures are 403 otherwise). */
class BodyVerifyError extends Error {
  readonly status = 400;
  readonly type = 'entity.verify.failed';
}
