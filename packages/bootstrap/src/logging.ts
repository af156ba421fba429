import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { assignRequestId } from './request-id.js';

export interface LoggingSettings {
  service: string;
  level: string;
  format: 'json' | 'pretty';
}

/** What a request log line says about the request; headers are left out so tokens never reach a log. */
type LoggedRequest = IncomingMessage & {
  authRejection?: string;
  /** The caller, once the guard accepted it (`AuthenticatedUser` of @sso/guard, which depends on this package). */
  user?: { id: string; token?: { clientId: string } };
};

/**
 * The request line's own fields: the guard's rejection reason on a 401, and who called, `sub` and
 * `client_id` (RFC 9068 §2.2), so that one user can be followed across services by a log search.
 */
function requestLineProps(req: LoggedRequest): Record<string, string> {
  return {
    ...(req.authRejection ? { authRejection: req.authRejection } : {}),
    ...(req.user ? { sub: req.user.id } : {}),
    ...(req.user?.token ? { client_id: req.user.token.clientId } : {}),
  };
}

/**
 * One structured logger per service (pino via nestjs-pino): one JSON line per request with its id,
 * method, URL, status, time and, on a 401, the guard's rejection reason. `pretty` is for humans
 * at a terminal (`npm start`).
 */
export function loggingModule(settings: LoggingSettings): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: settings.level,
      base: { service: settings.service },
      genReqId: assignRequestId,
      customProps: requestLineProps,
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      transport:
        settings.format === 'pretty'
          ? {
              target: 'pino-pretty',
              options: {
                singleLine: true,
                translateTime: 'HH:MM:ss',
                ignore: 'pid,hostname,service,req,res,context',
                messageFormat: '{service} {if req.method}{req.method} {req.url} {res.statusCode} {end}{msg}',
              },
            }
          : undefined,
    },
  });
}
