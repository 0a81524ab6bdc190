import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Database } from '../database/database.js';
import { PgDatabase } from '../database/pg-database.js';
import { PgliteDatabase } from '../database/pglite-database.js';
import { listMigrations, migrate } from '../migrations/migrate.js';

/**
 * Test support: real databases for tests, never mocks. PGlite starts from a cached dump of a migrated cluster;
 * PostgreSQL gets a fresh database per suite on the server named by PQE_TEST_DATABASE_URL (scripts/test starts
 * one). The cache lives in .pqe-test/ at the repository root.
 */
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const cacheDir = `${repoRoot}.pqe-test`;

export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  db: Database;
  /** For PostgreSQL: the URL of this suite's own database (for child processes such as the CLI). */
  url?: string;
  dispose(): Promise<void>;
}

function templateKey(): string {
  const hash = createHash('sha256');
  for (const m of listMigrations()) hash.update(m.checksum);
  // The PGlite build matters too: its entry point's path holds no version, so its package.json is read.
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const pkg = `${entry.slice(0, entry.lastIndexOf('/dist/'))}/package.json`;
  hash.update(String((JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version));
  return hash.digest('hex').slice(0, 16);
}

/** A migrated, empty PGlite cluster as a gzipped tar, made once and reused by every suite. */
async function pgliteTemplate(): Promise<Blob> {
  const path = `${cacheDir}/pglite-template-${templateKey()}.tar.gz`;
  if (!existsSync(path)) {
    const db = await PgliteDatabase.open();
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    mkdirSync(cacheDir, { recursive: true });
    const draft = `${path}.${process.pid}`;
    writeFileSync(draft, Buffer.from(await dump.arrayBuffer()));
    renameSync(draft, path);
  }
  return new Blob([readFileSync(path)]);
}

export async function openTestPglite(): Promise<TestDatabase> {
  const db = await PgliteDatabase.open({ loadDataDir: await pgliteTemplate() });
  return { db, dispose: () => db.close() };
}

export const postgresTestUrl = (): string | undefined => process.env.PQE_TEST_DATABASE_URL || undefined;

/** A new database on the test server, migrated; dropped again by dispose(). */
export async function openTestPostgres(options: { statementTimeoutMs?: number } = {}): Promise<TestDatabase> {
  const adminUrl = postgresTestUrl();
  if (adminUrl === undefined) throw new Error('PQE_TEST_DATABASE_URL is not set');
  const name = `pqe_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'pqe_template'");
    await admin.query(`CREATE DATABASE ${name}${rows.length > 0 ? ' TEMPLATE pqe_template' : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = new PgDatabase({ url: url.toString(), poolMax: 4, statementTimeoutMs: options.statementTimeoutMs ?? 0 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export interface DatabaseSuiteContext {
  kind: TestDatabaseKind;
  /** The suite's database; valid inside tests (after the suite's `before`). */
  readonly db: Database;
  readonly url: string | undefined;
}

/**
 * Runs the same suite against PGlite and PostgreSQL. When no PostgreSQL server is configured the PostgreSQL
 * suite is skipped and says why.
 */
export function describeEachDatabase(name: string, body: (ctx: DatabaseSuiteContext) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const skip = kind === 'postgres' && postgresTestUrl() === undefined ? 'PostgreSQL not configured: set PQE_TEST_DATABASE_URL (scripts/test does)' : false;
    describe(`${name} [${kind}]`, { skip }, () => {
      let current: TestDatabase | undefined;
      const ctx: DatabaseSuiteContext = {
        kind,
        get db() {
          if (current === undefined) throw new Error('database not open yet');
          return current.db;
        },
        get url() {
          return current?.url;
        },
      };
      before(async () => {
        current = kind === 'pglite' ? await openTestPglite() : await openTestPostgres();
      });
      after(async () => {
        await current?.dispose();
      });
      body(ctx);
    });
  }
}

/** The Planetary Computer's NAIP test data, when ../shared/data/pc is present beside the repository. */
export function pcDataDir(): string | undefined {
  const dir = `${repoRoot}../shared/data/pc`;
  return existsSync(`${dir}/naip/collection.json`) ? dir : undefined;
}
