import { type Database, migrationStatus } from '@pqe/catalog';
import { type Config, createHttpServer, type Engine, healthPaths, type ReadinessCheck, registerHealthRoutes } from '@pqe/common';
import { type CogEngine, dataApi, rasterCogEngine, rasterTileMatrixSets, type TmsProvider } from '@pqe/data-api';
import { stacApi } from '@pqe/stac-api';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export interface AppDeps {
  config: Config;
  db: Database;
  log: FastifyBaseLogger;
  /** The raster engine behind /cog; default @pqe/raster's, with the configured block cache. */
  cogEngine?: CogEngine;
  /** The TileMatrixSet registry; default @pqe/raster's 13. */
  tileMatrixSets?: TmsProvider;
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
 * The application: health routes, and the engines that `config.engine` names (the STAC API, the data API, or both
 * in one process). The only place where the pieces are wired together; tests build it with a real database and
 * call it with inject().
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
  if (runsEngine(deps.config.engine, 'data')) {
    await dataApi(app, {
      config: deps.config,
      engine: deps.cogEngine ?? rasterCogEngine({ blockCacheBytes: deps.config.blockCacheMb * 1024 * 1024 }),
      tms: deps.tileMatrixSets ?? rasterTileMatrixSets(),
    });
  }
  return app;
}
