import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import type { Application, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { BODY_LIMIT_BYTES } from './body-limit.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { limitJsonNesting, refuseNulCharacters } from './json-body.js';
import { StartupQuietLogger } from './startup-quiet.logger.js';

/** The root module a service boots: a module class or a dynamic module built from its config. */
export type EntryModule = Parameters<typeof NestFactory.create>[0];

export interface ServiceOptions {
  /** The service's name, as it appears in logs and in `GET /health`. */
  name: string;
  port: number;
  /** Where to listen; all interfaces by default. */
  host?: string;
  /**
   * Also parse `application/x-www-form-urlencoded` bodies (an OAuth token endpoint needs them,
   * RFC 6749 §4.1.3). Off by default: a JSON-only API cannot be posted to by a plain HTML form,
   * which matters once a token travels in a cookie.
   */
  acceptForms?: boolean;
}

/**
 * Creates and starts a service with what every service shares: the pino logger, the JSON body
 * parsers with the 100 KiB limit, input validation, the JSON error shape, `GET /health` and a
 * graceful shutdown on SIGTERM/SIGINT.
 */
export async function runService(module: EntryModule, options: ServiceOptions): Promise<INestApplication> {
  const app = await createService(module, options);
  await app.listen(options.port, options.host ?? '0.0.0.0');
  return app;
}

/** As {@link runService}, without listening: for tests that call `app.listen(0)` themselves. */
export async function createService(module: EntryModule, options: Pick<ServiceOptions, 'name' | 'acceptForms'>): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  app.disable('x-powered-by');
  // Answered ahead of logging and authentication: probes neither need a token nor fill the logs.
  const express: Application = app.getHttpAdapter().getInstance();
  express.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok', service: options.name });
  });
  // Nest types `verify` out because its own rawBody option uses it; rawBody is not used here.
  const jsonOptions = { limit: BODY_LIMIT_BYTES, reviver: refuseNulCharacters, verify: limitJsonNesting };
  app.useBodyParser('json', jsonOptions as NestExpressBodyParserOptionsFor<'json'>);
  if (options.acceptForms) app.useBodyParser('urlencoded', { limit: BODY_LIMIT_BYTES, extended: false });
  // `whitelist` drops fields a client may not set (an owner, a role, an id) before they reach a handler.
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true, stopAtFirstError: false }));
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  return app;
}
