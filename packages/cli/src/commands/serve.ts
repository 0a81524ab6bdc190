import { migrate, openDatabase } from '@pqe/catalog';
import { AppError } from '@pqe/common';
import { configureSharp } from '@pqe/raster';
import type { Runtime } from '../runtime.js';
import { buildApp, runsEngine } from '../server.js';
import { catalogIsEmpty, loadDemo } from './demo.js';
import { demoAssetsDir } from './demo-assets.js';

export interface ServeOptions {
  /** Load the demo catalog when the catalog is empty. */
  demo: boolean;
  /** Apply pending migrations first; undefined follows the configuration. */
  migrate?: boolean | undefined;
}

/**
 * Serves the configured engines (all of them by default) until SIGTERM or SIGINT, then stops taking connections, lets the requests
 * in flight finish and closes the database. A second signal exits at once.
 */
export async function serve(rt: Runtime, options: ServeOptions): Promise<void> {
  const { config, log } = rt;
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.dbPoolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    parallelWorkers: config.dbParallelWorkers,
  });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const shouldMigrate = options.migrate ?? config.migrateOnStart ?? db.kind === 'pglite';
    if (shouldMigrate) await migrate(db, log);
    if (options.demo && (await catalogIsEmpty(db))) await loadDemo(db, log, { assetsDir: demoAssetsDir(config.dataDir, config.demoAssetsDir) });
    // The tiler encodes on libuv's pool, one libvips thread an image: parallelism comes from concurrent requests.
    if (runsEngine(config.engine, 'data')) configureSharp();
    app = await buildApp({ config, db, log });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError('Conflict', `Port ${config.port} on ${config.host} is in use; choose another with --port or PQE_PORT.`);
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info({ engine: config.engine, database: db.location, url: `http://${shown}:${port}` }, 'pqe is serving');
  const home = runsEngine(config.engine, 'stac') ? `${config.stacRootPath}/` : '/';
  process.stderr.write(`pqe serving http://${shown}:${port}${home} (engine: ${config.engine}, database: ${db.location})\n`);

  const running = app;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      stopping = true;
      log.info({ signal }, 'shutting down');
      void running
        .close()
        .catch((error: unknown) => log.error({ err: error }, 'error while closing the server'))
        .then(() => db.close())
        .catch((error: unknown) => log.error({ err: error }, 'error while closing the database'))
        .finally(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
