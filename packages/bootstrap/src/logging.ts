import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { assignRequestId } from './request-id.js';

export interface LoggingSettings {
  service: string;
  level: string;
  format: 'json' | 'pretty';
  /** Where JSON lines go: standard output, written asynchronously, unless a test reads them. */
  destination?: pino.DestinationStream;
}

/** A destination that may hold lines back (pino's asynchronous one), and can write them out at once. */
type BufferedDestination = pino.DestinationStream & { flushSync?(): void };

/** What a request log line says about the request; headers are left out so tokens never reach a log. */
type LoggedRequest = IncomingMessage & {
  authRejection?: string;
  /** The caller, once the guard accepted it (`AuthenticatedUser` of @sso/guard, which depends on this package). */
  user?: { id: string; token?: { clientId: string } };
};

/**
 * pino-pretty's settings for `LOG_FORMAT=pretty`: one line per entry, `service METHOD url status
 * message`. A line logged while a request is handled carries the request but no status yet, so
 * each part has its own condition: a missing part leaves no double space behind.
 */
export const PRETTY_LOG_OPTIONS = {
  singleLine: true,
  translateTime: 'HH:MM:ss',
  ignore: 'pid,hostname,service,req,res,context',
  messageFormat: '{service} {if req.method}{req.method} {req.url} {end}{if res.statusCode}{res.statusCode} {end}{msg}',
};

/**
 * The request line's own fields, added to the line pino-http writes when the response is done:
 * the guard's rejection reason on a 401, and who called, `sub` and `client_id` (RFC 9068 §2.2),
 * so that one user can be followed across services by a log search. Added to the line itself
 * rather than as pino-http's `customProps`, which costs one or two child loggers per request.
 */
function withRequestLineProps(req: LoggedRequest, line: Record<string, unknown>): Record<string, unknown> {
  if (req.authRejection) line.authRejection = req.authRejection;
  if (req.user) {
    line.sub = req.user.id;
    if (req.user.token) line.client_id = req.user.token.clientId;
  }
  return line;
}

/** Writes what the asynchronous destination still holds when the service stops on a signal. */
class FlushLogsOnShutdown implements OnApplicationShutdown {
  constructor(private readonly destination: BufferedDestination) {}

  onApplicationShutdown(): void {
    this.destination.flushSync?.();
  }
}

@Module({})
class LoggingModule {}

/**
 * One structured logger per service (pino via nestjs-pino): one JSON line per request with its id,
 * method, URL, status, time and, on a 401, the guard's rejection reason. `pretty` is for humans
 * at a terminal (`npm start`).
 */
export function loggingModule(settings: LoggingSettings): DynamicModule {
  const options = {
    level: settings.level,
    base: { service: settings.service },
    genReqId: assignRequestId,
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
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, line: Record<string, unknown>) => withRequestLineProps(req, line),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, line: Record<string, unknown>) => withRequestLineProps(req, line),
  };
  if (settings.format === 'pretty') {
    return LoggerModule.forRoot({ pinoHttp: { ...options, transport: { target: 'pino-pretty', options: PRETTY_LOG_OPTIONS } } });
  }
  // JSON lines are written asynchronously: under load a request no longer waits for the `write`
  // system call of its log line, and lines that arrive while one is written go out together.
  // What is still buffered is written at shutdown (FlushLogsOnShutdown: Nest re-raises the signal
  // after its hooks, which would skip 'exit') and on process.exit (pino registers that itself).
  const destination: BufferedDestination = settings.destination ?? pino.destination({ dest: 1, sync: false });
  return {
    module: LoggingModule,
    imports: [LoggerModule.forRoot({ pinoHttp: [options, destination] })],
    providers: [{ provide: FlushLogsOnShutdown, useFactory: () => new FlushLogsOnShutdown(destination) }],
  };
}
