import type { INestApplication } from '@nestjs/common';
import type { Application, Request, Response } from 'express';

/**
 * The provider a service registers to tell whether it can serve data: resolves when its database
 * answers. `GET /health` says the process is alive (liveness: restarting would not help with a
 * database that is down); `GET /health/ready` says it can do its job (readiness), the split
 * Kubernetes probes make (https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/).
 */
export const DATABASE_PING = Symbol('DATABASE_PING');
export type DatabasePing = () => Promise<unknown>;

/** A probe must answer quickly, whatever the database does: a hung one counts as not ready. */
const READINESS_TIMEOUT_MS = 2_000;

/** Mounts `GET /health/ready`: 200 when `isReady` says yes, else 503. */
export function mountReadiness(app: INestApplication, service: string, isReady: () => Promise<boolean>): void {
  const express: Application = app.getHttpAdapter().getInstance();
  express.get('/health/ready', async (_req: Request, res: Response) => {
    const ready = await isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service });
  });
}

/**
 * Whether the service's database answers within {@link READINESS_TIMEOUT_MS}. A service without
 * one (a test module) has nothing to wait for: always true.
 */
export function databaseAnswers(app: INestApplication): () => Promise<boolean> {
  let ping: DatabasePing;
  try {
    ping = app.get<DatabasePing>(DATABASE_PING, { strict: false });
  } catch {
    return async () => true;
  }
  return () => answersInTime(ping);
}

async function answersInTime(ping: DatabasePing): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
