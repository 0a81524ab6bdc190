import { type Database, migrationStatus } from '@pqe/catalog';
import {
  type Config,
  createHttpServer,
  type Engine,
  enginesByRootPath,
  healthPaths,
  type MetricSource,
  metricsPath,
  type ReadinessCheck,
  registerHealthRoutes,
  registerMetrics,
} from '@pqe/common';
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
  /** Metrics that the engines keep (caches...), served at /metrics beside the request and pool metrics. */
  metricSources?: readonly MetricSource[];
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

/** The connection pool's counts, where the database has a pool (PostgreSQL). */
function poolMetrics(db: Database): MetricSource[] {
  if (db.poolStats === undefined) return [];
  const stats = db.poolStats.bind(db);
  return [
    { name: 'pqe_db_pool_clients', help: 'PostgreSQL connections the pool has open, busy or idle', type: 'gauge', read: () => stats().total },
    { name: 'pqe_db_pool_idle_clients', help: 'PostgreSQL connections open and idle', type: 'gauge', read: () => stats().idle },
    { name: 'pqe_db_pool_max_clients', help: 'Most PostgreSQL connections the pool opens (PQE_DB_POOL_MAX)', type: 'gauge', read: () => stats().max },
    { name: 'pqe_db_pool_waiting_requests', help: 'Database calls waiting for a free connection', type: 'gauge', read: () => stats().waiting },
  ];
}

/** Whether an engine runs in a process configured to serve `engine` (PQE_ENGINE, `pqe serve --engine`). */
export function runsEngine(engine: Engine, which: 'stac' | 'data'): boolean {
  return engine === 'all' || engine === which;
}

/**
 * The application: health routes, /metrics (unless PQE_METRICS is off), and the engines that `config.engine` names
 * (the STAC API, the data API, or both in one process). The only place where the pieces are wired together; tests
 * build it with a real database and call it with inject().
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = await createHttpServer({
    logger: deps.log,
    corsOrigins: deps.config.corsOrigins,
    requestTimeoutMs: deps.config.requestTimeoutMs,
    quietPaths: [...healthPaths, metricsPath],
  });
  if (deps.config.metrics) {
    const roots: Record<string, string> = {};
    if (runsEngine(deps.config.engine, 'stac')) roots.stac = deps.config.stacRootPath;
    if (runsEngine(deps.config.engine, 'data')) roots.data = deps.config.dataRootPath;
    const metrics = registerMetrics(app, { engineOf: enginesByRootPath(roots), quietRoutes: healthPaths });
    for (const source of [...poolMetrics(deps.db), ...(deps.metricSources ?? [])]) metrics.addSource(source);
  }
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
