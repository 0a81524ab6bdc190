import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { postgis } from '@electric-sql/pglite-postgis';
import { throwIfAborted } from '@pqe/common';
import { copyStatement, type Database, type Queryable, type QueryOptions, type QueryResult } from './database.js';
import { mapDatabaseError } from './database-errors.js';

export interface PgliteDatabaseOptions {
  /** Folder of the database files; in memory when absent. */
  dataDir?: string;
  /** A dump (tar) made by `dumpDataDir`, to start from instead of an empty cluster (tests use it to start fast). */
  loadDataDir?: Blob;
}

const asText = (value: string) => value;
const parsers = {
  [types.DATE]: asText,
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INT8]: (value: string) => Number(value),
};

type PgliteRunner = Pick<Transaction, 'query' | 'exec'>;

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, with PostGIS, in one process. Statements run one at a
 * time; a statement already running cannot be interrupted, so the signal is checked before and after it.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly location: string;
  readonly #db: PGlite;

  private constructor(db: PGlite, location: string) {
    this.#db = db;
    this.location = location;
  }

  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    const db = new PGlite({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
      extensions: { postgis, btree_gist },
      parsers,
    });
    await db.waitReady;
    await db.exec("SET TimeZone = 'UTC'");
    return new PgliteDatabase(db, options.dataDir === undefined ? 'embedded (in memory)' : `embedded (${options.dataDir})`);
  }

  query<Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<Row>> {
    return run<Row>(this.#db, sql, params, options.signal);
  }

  copyFrom(table: string, columns: readonly string[], data: string, options: QueryOptions = {}): Promise<number> {
    return copyInto(this.#db, table, columns, data, options.signal);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    throwIfAborted(options.signal);
    try {
      return await this.#db.transaction((tx) =>
        fn({
          query: <Row>(sql: string, params: readonly unknown[] = [], o: QueryOptions = {}) => run<Row>(tx, sql, params, o.signal ?? options.signal),
          copyFrom: (table, columns, data, o: QueryOptions = {}) => copyInto(tx, table, columns, data, o.signal ?? options.signal),
          execScript: (sql, o: QueryOptions = {}) => execIn(tx, sql, o.signal ?? options.signal),
        }),
      );
    } catch (error) {
      throw mapDatabaseError(error, options.signal);
    }
  }

  execScript(sql: string, options: QueryOptions = {}): Promise<void> {
    return execIn(this.#db, sql, options.signal);
  }

  /** A gzipped tar of the whole cluster, loadable with `loadDataDir`. */
  async dump(): Promise<Blob> {
    return this.#db.dumpDataDir('gzip');
  }

  async close(): Promise<void> {
    if (!this.#db.closed) await this.#db.close();
  }
}

async function run<Row>(db: PgliteRunner, sql: string, params: readonly unknown[], signal: AbortSignal | undefined): Promise<QueryResult<Row>> {
  throwIfAborted(signal);
  try {
    const result = await db.query<Row>(sql, params as unknown[]);
    throwIfAborted(signal);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  } catch (error) {
    throw mapDatabaseError(error, signal);
  }
}

async function execIn(db: PgliteRunner, sql: string, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  try {
    await db.exec(sql);
  } catch (error) {
    throw mapDatabaseError(error, signal);
  }
}

async function copyInto(db: PgliteRunner, table: string, columns: readonly string[], data: string, signal: AbortSignal | undefined): Promise<number> {
  throwIfAborted(signal);
  try {
    const result = await db.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) });
    return result.affectedRows ?? 0;
  } catch (error) {
    throw mapDatabaseError(error, signal);
  }
}
