import { type Database, migrationStatus } from '@pqe/catalog';
import { type Config, createHttpServer, type Engine, healthPaths, type ReadinessCheck, registerHealthRoutes } from '@pqe/common';
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

/** Whether an engine runs in a process configured to serve `engine` (PQE_ENGINE, `pqe serve --engine`). */
export function runsEngine(engine: Engine, which: 'stac' | 'data'): boolean {
  return engine === 'all' || engine === which;
}

/**
 * The application: health routes, and the engines that `config.engine` names (stac, data, or all in one
 * process). The only place where the pieces are wired together; tests build it with a real database and call
 * it with inject(). The data engine is mounted here once its package exists; until then a `data` process
 * serves the health routes only, so that its deployment, probes and ingress can be set up ahead of it.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = await createHttpServer({
    logger: deps.log,
    corsOrigins: deps.config.corsOrigins,
    requestTimeoutMs: deps.config.requestTimeoutMs,
    quietPaths: healthPaths,
  });
  registerHealthRoutes(app, { readiness: (signal) => readiness(deps.db, signal) });
  if (runsEngine(deps.config.engine, 'stac')) {
    await stacApi(app, { db: deps.db, config: deps.config });
    const stacHome = `${deps.config.stacRootPath}/`;
    if (stacHome !== '/') app.get('/', async (_request, reply) => reply.redirect(stacHome));
  }
  return app;
}
