import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError, type Logger } from '@pqe/common';
import type { Database, Queryable } from '../database/database.js';
import { SqlState, sqlStateOf } from '../database/database-errors.js';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file has changed since: the schema may not be what the code expects. */
  changed: string[];
  /** Applied migrations this code does not know: the database was migrated by a newer version. */
  unknown: string[];
}

/** The ledger's advisory lock key: one migrator at a time, on any number of processes. */
const MIGRATION_LOCK = 7_356_420_019;

const migrationsDir = fileURLToPath(new URL('../../../sql/migrations/', import.meta.url));

let cached: Migration[] | undefined;

/** The forward-only migrations shipped with this version, in order. */
export function listMigrations(): Migration[] {
  cached ??= readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${migrationsDir}${file}`, 'utf8');
      return { name: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
  return cached;
}

async function appliedMigrations(db: Queryable): Promise<Map<string, string>> {
  try {
    const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM pqe.migrations ORDER BY name');
    return new Map(rows.map((row) => [row.name, row.checksum]));
  } catch (error) {
    if (sqlStateOf(error) === SqlState.undefinedTable || sqlStateOf(error) === '3F000') return new Map();
    throw error;
  }
}

export async function migrationStatus(db: Queryable): Promise<MigrationStatus> {
  const applied = await appliedMigrations(db);
  const known = listMigrations();
  const knownNames = new Set(known.map((m) => m.name));
  return {
    applied: [...applied.keys()],
    pending: known.filter((m) => !applied.has(m.name)).map((m) => m.name),
    changed: known.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name),
    unknown: [...applied.keys()].filter((name) => !knownNames.has(name)),
  };
}

/**
 * Applies pending migrations, each in its own transaction under an advisory lock, and records them with their
 * checksums. Refuses to run when an applied migration's file has changed.
 */
export async function migrate(db: Database, log?: Logger): Promise<string[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.execScript(
      'CREATE SCHEMA IF NOT EXISTS pqe; ' +
        'CREATE TABLE IF NOT EXISTS pqe.migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const status = await migrationStatus(db);
  if (status.changed.length > 0) {
    throw new AppError(
      'Conflict',
      `Migrations ${status.changed.join(', ')} were changed after they were applied. Migrations are forward-only: restore the files and add a new migration instead.`,
    );
  }
  const done: string[] = [];
  for (const migration of listMigrations()) {
    if (!status.pending.includes(migration.name)) continue;
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query('SELECT 1 FROM pqe.migrations WHERE name = $1', [migration.name]);
      if (rows.length > 0) return false; // another process applied it meanwhile
      await tx.execScript(migration.sql);
      await tx.query('INSERT INTO pqe.migrations (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
      return true;
    });
    if (applied) {
      done.push(migration.name);
      log?.info({ migration: migration.name }, 'migration applied');
    }
  }
  return done;
}
