import { type Database, migrationStatus } from '@pqe/catalog';
import { type Config, createHttpServer, healthPaths, type ReadinessCheck, registerHealthRoutes } from '@pqe/common';
import { stacApi } from '@pqe/stac-api';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export interface AppDeps {
  config: Config;
  db: Database;
  log: FastifyBaseLogger;
}

async function readiness(db: Database, signal: AbortSignal): Promise<ReadinessCheck[]> {
  try {
    await db.query('SELECT 1', [], { signal });
  } catch (error) {
    return [{ name: 'database', ok: false, detail: (error as Error).message }];
  }
  const checks: ReadinessCheck[] = [{ name: 'database', ok: true, detail: db.location }];
  try {
    const status = await migrationStatus(db);
    const ok = status.pending.length === 0 && status.changed.length === 0;
    checks.push({
      name: 'migrations',
      ok,
      detail: ok ? `${status.applied.length} applied` : `pending: ${status.pending.join(', ') || 'none'}; changed: ${status.changed.join(', ') || 'none'}`,
    });
  } catch (error) {
    checks.push({ name: 'migrations', ok: false, detail: (error as Error).message });
  }
  return checks;
}

/**
 * The all-in-one application: health routes and the STAC API. The only place where the pieces are wired
 * together; tests build it with a real database and call it with inject().
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = await createHttpServer({
    logger: deps.log,
    corsOrigins: deps.config.corsOrigins,
    requestTimeoutMs: deps.config.requestTimeoutMs,
    quietPaths: healthPaths,
  });
  registerHealthRoutes(app, { readiness: (signal) => readiness(deps.db, signal) });
  await stacApi(app, { db: deps.db, config: deps.config });
  const stacHome = `${deps.config.stacRootPath}/`;
  if (stacHome !== '/') app.get('/', async (_request, reply) => reply.redirect(stacHome));
  return app;
}
