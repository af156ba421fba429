import { type INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Application, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { type AddressInfo, isIPv6 } from 'node:net';
import { Logger } from 'nestjs-pino';
import { answerClientErrorsInJson } from './client-error.js';
import { corsPolicy } from './cross-origin.js';
import { DatabaseOutage } from './database-outage.js';
import { DatabaseUnavailableInterceptor } from './database-unavailable.interceptor.js';
import { drainRequestsBeforeClose } from './drain-before-close.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { mountMetrics } from './metrics/mount-metrics.js';
import { mountOpenApi } from './openapi/mount-openapi.js';
import { RefuseNulCharactersPipe } from './nul-character.js';
import { databaseAnswers, mountReadiness } from './readiness.js';
import { requestBodyParser } from './request-body.js';
import { RequestValidationPipe } from './request-validation.pipe.js';
import { StartupQuietLogger } from './startup-quiet.logger.js';

/** The root module a service boots: a module class or a dynamic module built from its config. */
export type EntryModule = Parameters<typeof NestFactory.create>[0];

export interface ServiceOptions {
  /** The service's name, as it appears in logs and in `GET /health`. */
  name: string;
  /** Origins whose web pages may call the service, cookies included (CORS): `ALLOWED_ORIGINS`. */
  allowedOrigins: readonly string[];
  /**
   * POST routes that also read `application/x-www-form-urlencoded` bodies (an OAuth token endpoint,
   * RFC 6749 §4.1.3). None by default: see {@link requestBodyParser}.
   */
  formRoutes?: readonly string[];
  /**
   * Changes to helmet's defaults, for a service that also serves a page: auth's demo page must
   * reach the resource services (`connect-src`). Default: helmet's strict defaults, right for JSON.
   */
  helmet?: HelmetOptions;
  /** `METRICS_TOKEN`: what `GET /metrics` requires; unset, it answers loopback callers only. */
  metricsToken?: string;
}

/** Where a service listens: `PORT` and `HOST`. */
export interface ListenOptions {
  port: number;
  host: string;
}

/**
 * Creates and starts a service with what every service shares: protective headers, the CORS
 * allow-list, the body parsers with the 100 KiB limit, the pino logger, input validation, the JSON
 * error shape, `GET /health` and a graceful shutdown on SIGTERM/SIGINT.
 */
export async function runService(module: EntryModule, options: ServiceOptions & ListenOptions): Promise<INestApplication> {
  const app = await createService(module, options);
  await app.listen(options.port, options.host);
  // The start line names the URL, so a reader of the log can open it (the port may have been 0).
  // Every line already carries the service's name: `shop listening on http://localhost:3001`.
  const { port } = app.getHttpServer().address() as AddressInfo;
  new NestLogger('NestApplication').log(`listening on ${listeningUrl(options.host, port)}`);
  return app;
}

/** The URL to reach a service listening on `host`: a wildcard address means this machine. */
export function listeningUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') return `http://localhost:${port}`;
  return `http://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** As {@link runService}, without listening: for tests that call `app.listen(0)` themselves. */
export async function createService(module: EntryModule, options: ServiceOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  app.disable('x-powered-by');
  // What Node's HTTP parser refuses before Express (oversized headers, a malformed request) is JSON too.
  answerClientErrorsInJson(app.getHttpServer());
  // First, so that every answer carries them, `GET /health` and every error included. helmet's
  // defaults (OWASP HTTP Headers cheat sheet) suit a JSON API: nosniff, no framing, a strict CSP.
  app.use(helmet(options.helmet));
  // On SIGTERM: requests under way answer before the database pools close, new ones get a 503.
  drainRequestsBeforeClose(app);
  app.enableCors(corsPolicy(options.allowedOrigins));
  // Answered ahead of logging and authentication: probes neither need a token nor fill the logs.
  const express: Application = app.getHttpAdapter().getInstance();
  express.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok', service: options.name });
  });
  const database = databaseAnswers(app);
  mountReadiness(app, options.name, database);
  // `/docs` and `/docs/json`: public like `/health`, outside Nest's router and so the guard.
  mountOpenApi(app, options.name);
  // `/metrics`: outside the guard, with its own restriction; times every request mounted after it.
  mountMetrics(app, options.metricsToken);
  app.use(requestBodyParser(options.formRoutes ?? []));
  app.useGlobalPipes(new RefuseNulCharactersPipe(), new RequestValidationPipe());
  app.useGlobalInterceptors(new DatabaseUnavailableInterceptor(new DatabaseOutage(database)));
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  return app;
}
