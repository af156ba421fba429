import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';

/**
 * The CORS policy of every service (Fetch standard §3.2, "CORS protocol"). A page from one of
 * `allowedOrigins` may call the service with credentials (the browser demo sends cookies across
 * ports); any other origin gets no CORS header at all, so its browser withholds every answer and
 * refuses to send a preflighted request. Origins are compared exactly, never by pattern and never
 * by echoing whatever arrives (OWASP HTML5 Security cheat sheet, "Cross Origin Resource Sharing").
 */
export function corsPolicy(allowedOrigins: readonly string[]): CorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, decide) => decide(null, origin !== undefined && allowed.has(origin) ? origin : false),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // What a browser client must read: the 401 challenge, the 429 wait, the id to quote in a report.
    exposedHeaders: ['WWW-Authenticate', 'Retry-After', 'X-Request-Id'],
  };
}
