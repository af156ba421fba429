/**
 * Something the guard must ask before it can decide could not answer (a session store's database,
 * auth's introspection endpoint): the request gets 503, not 401, because the caller did nothing
 * wrong and may simply try again. `dependency` names it in the answer and the log line.
 */
export abstract class DependencyUnavailableError extends Error {
  abstract readonly dependency: string;
}
