import { type Database, migrate, migrationStatus, openDatabase } from '@pqe/catalog';
import { AppError, type Config, type ConfigOverrides, createLogger, loadConfig } from '@pqe/common';
import type pino from 'pino';

/** The options every command takes. */
export interface GlobalOptions {
  databaseUrl?: string;
  dataDir?: string;
  logLevel?: string;
}

export interface Runtime {
  config: Config;
  log: pino.Logger;
}

export function runtime(options: GlobalOptions, overrides: ConfigOverrides = {}): Runtime {
  const config = loadConfig(process.env, {
    ...overrides,
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    logLevel: options.logLevel as ConfigOverrides['logLevel'],
  });
  return { config, log: createLogger({ level: config.logLevel, name: 'pqe' }) };
}

/**
 * Opens the configured database for a command. Commands other than serve have no statement time limit (loads
 * and migrations take as long as they take); the embedded database is migrated on open, since nobody else can.
 */
export async function openForCommand(rt: Runtime, options: { migrate?: boolean; skipCheck?: boolean; statementTimeoutMs?: number } = {}): Promise<Database> {
  const db = await openDatabase({
    databaseUrl: rt.config.databaseUrl,
    dataDir: rt.config.dataDir,
    poolMax: rt.config.dbPoolMax,
    statementTimeoutMs: options.statementTimeoutMs ?? 0,
  });
  try {
    if (options.migrate ?? db.kind === 'pglite') await migrate(db, rt.log);
    else if (options.skipCheck !== true) {
      const status = await migrationStatus(db);
      if (status.pending.length > 0 || status.changed.length > 0) {
        throw new AppError(
          'Unavailable',
          `The database ${db.location} is not migrated to this version (pending: ${status.pending.join(', ') || 'none'}). Run \`pqe migrate\` first.`,
        );
      }
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
