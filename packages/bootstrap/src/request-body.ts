import { UnsupportedMediaTypeException } from '@nestjs/common';
import { parse as parseContentType } from 'content-type';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { BODY_LIMIT_BYTES } from './body-limit.js';
import { verifyJsonBody } from './json-body.js';
import { refuseNulCharacters } from './nul-character.js';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Reads the body of every request a service gets, and refuses with 415 (RFC 9110 §15.5.16) what
 * it cannot read safely:
 * - JSON on every route, in UTF-8 only: RFC 8259 §8.1 requires UTF-8 between systems, and the
 *   nesting limit counts brackets byte by byte (json-body.ts), which is sound for UTF-8 alone. A
 *   JSON body whose bytes are not valid UTF-8 is malformed: 400 (json-body.ts).
 * - forms only on `formRoutes` (POST): an OAuth token endpoint must take them (RFC 6749 §4.1.3), but
 *   anywhere else they would let any web page post to the API with a plain HTML form, which needs
 *   no CORS preflight (its type is a Fetch standard "CORS-safelisted request-header").
 * A request without content passes whatever its Content-Type says: there is nothing to read. A NUL
 * in a form is refused by `RefuseNulCharactersPipe` (nul-character.ts).
 */
export function requestBodyParser(formRoutes: readonly string[]): RequestHandler {
  // The media type is decided below, so the parsers read whatever they are handed.
  const readJson = express.json({ type: () => true, limit: BODY_LIMIT_BYTES, reviver: refuseNulCharacters, verify: verifyJsonBody });
  const readForm = express.urlencoded({ type: () => true, limit: BODY_LIMIT_BYTES, extended: false });
  const isFormRoute = routeMatcher('POST', formRoutes);

  return (request: Request, response: Response, next: NextFunction) => {
    const mediaType = utf8MediaType(request);
    if (mediaType === JSON_TYPE) return readJson(request, response, next);
    if (mediaType === FORM_TYPE && isFormRoute(request)) return readForm(request, response, next);
    if (!hasContent(request)) return next();
    const accepted = isFormRoute(request) ? `${JSON_TYPE} or ${FORM_TYPE}` : JSON_TYPE;
    next(new UnsupportedMediaTypeException(`Send the request body as ${accepted}, in UTF-8`));
  };
}

/**
 * The request's media type, lower-cased, when its Content-Type names no charset or UTF-8 (in any
 * case). Parsed as body-parser parses it, so the two cannot disagree about the charset.
 */
function utf8MediaType(request: Request): string | undefined {
  const header = request.headers['content-type'];
  if (header === undefined) return undefined;
  const { type, parameters } = parseContentType(header);
  const charset = parameters.charset?.toLowerCase();
  return charset === undefined || charset === 'utf-8' ? type : undefined;
}

/** Whether the request carries content: a Transfer-Encoding, or a Content-Length above 0 (RFC 9112 §6.3). */
function hasContent(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
}

/** Matches paths as express routes them: case-insensitively, with or without a trailing slash. */
function routeMatcher(method: string, paths: readonly string[]): (request: Request) => boolean {
  const normalise = (path: string) => path.toLowerCase().replace(/\/$/, '');
  const routes = new Set(paths.map(normalise));
  return (request) => request.method === method && routes.has(normalise(request.path));
}
