import { ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';

/** class-validator's checks of what a value is, as opposed to what it holds. */
const TYPE_CHECKS: ReadonlySet<string> = new Set(['isDefined', 'isArray', 'isString', 'isNumber', 'isInt', 'isBoolean', 'isObject', 'isDate']);

/**
 * The validation every service's request bodies, queries and parameters go through:
 * - `whitelist` drops fields a client may not set (an owner, a role, an id) before they reach a handler;
 * - `transform` hands handlers instances of their input classes;
 * - one message per field: the first check that failed (as `stopAtFirstError` would give), except
 *   that a value of the wrong type is told so first. With `stopAtFirstError`, the first check is
 *   simply the last decorator written, so `"scope": "x"` against `@IsArray() @ArrayMaxSize(50)` said
 *   "scope must contain no more than 50 elements"; it now says "scope must be an array".
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, transform: true });
  }

  protected override flattenValidationErrors(errors: ValidationError[]): string[] {
    return super.flattenValidationErrors(errors.map(withOneConstraint));
  }
}

function withOneConstraint(error: ValidationError): ValidationError {
  const children = error.children?.map(withOneConstraint);
  const checks = Object.keys(error.constraints ?? {});
  const chosen = checks.find((check) => TYPE_CHECKS.has(check)) ?? checks[0];
  const constraints = chosen === undefined ? error.constraints : { [chosen]: error.constraints![chosen]! };
  return Object.assign(new ValidationError(), error, { constraints, children });
}
