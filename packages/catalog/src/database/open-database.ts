import { join } from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { Database } from './database.js';
import { PgDatabase } from './pg-database.js';
import { PgliteDatabase } from './pglite-database.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL when given; else the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolMax?: number;
  /** 0 for none (loads and migrations). */
  statementTimeoutMs?: number;
  /** PostgreSQL parallel workers per statement; the server's setting when absent. */
  parallelWorkers?: number | undefined;
}

/** Opens the catalog database the configuration names; the embedded one is locked to this process. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl !== undefined) {
    return new PgDatabase({
      url: options.databaseUrl,
      poolMax: options.poolMax ?? 10,
      statementTimeoutMs: options.statementTimeoutMs ?? 0,
      parallelWorkers: options.parallelWorkers,
    });
  }
  const lock = acquireDataDirLock(options.dataDir);
  try {
    const db = await PgliteDatabase.open({ dataDir: join(options.dataDir, 'pgdata') });
    const close = db.close.bind(db);
    db.close = async () => {
      try {
        await close();
      } finally {
        lock.release();
      }
    };
    return db;
  } catch (error) {
    lock.release();
    throw error;
  }
}
