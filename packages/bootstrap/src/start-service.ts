import type { DynamicModule } from '@nestjs/common';
import { loadConfigOrExit, type ServiceSettings } from '@sso/config';
import { prepareDatabase } from '@sso/database';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { withBenchBaseline } from './bench-baseline.js';
import { runService, type ServiceOptions } from './run-service.js';
import { startOrExit } from './start-or-exit.js';

/** The settings every service reads (see `serviceSettings`) that its start-up itself needs. */
type StartSettings = Pick<ServiceSettings, 'PORT' | 'HOST' | 'DATABASE_URL' | 'ALLOWED_ORIGINS' | 'METRICS_TOKEN'>;

export interface ServiceDefinition<S extends z.ZodType<StartSettings>> {
  name: string;
  /** The service's configuration schema; read once, here. */
  config: S;
  /** The folder of the service's Prisma migrations, applied before it listens. */
  migrations: URL;
  /** Builds the service's root module from its validated configuration. */
  module: (config: z.output<S>) => DynamicModule;
  /** See {@link ServiceOptions.formRoutes}. */
  formRoutes?: readonly string[];
  /** See {@link ServiceOptions.helmet}; built from the configuration, which names the origins a page may call. */
  helmet?: (config: z.output<S>) => ServiceOptions['helmet'];
}

/**
 * A service's whole start-up, in order: validate the environment, create the database if missing
 * and apply pending migrations (safe when several instances start at once), then listen. Any
 * failure stops the process with one line.
 */
export function startService<S extends z.ZodType<StartSettings>>(
  service: ServiceDefinition<S>,
): Promise<void> {
  return startOrExit(service.name, async () => {
    const config = loadConfigOrExit(service.name, service.config);
    await prepareDatabase({ databaseUrl: config.DATABASE_URL, migrationsDir: fileURLToPath(service.migrations) });
    await runService(withBenchBaseline(service.module(config), service.name, process.env), {
      name: service.name,
      allowedOrigins: config.ALLOWED_ORIGINS,
      formRoutes: service.formRoutes,
      helmet: service.helmet?.(config),
      metricsToken: config.METRICS_TOKEN,
      port: config.PORT,
      host: config.HOST,
    });
  });
}
