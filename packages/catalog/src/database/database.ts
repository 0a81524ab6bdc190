/** Options every database call takes. */
export interface QueryOptions {
  /** Aborts the statement (PostgreSQL cancels it on the server) when the caller goes away. */
  signal?: AbortSignal | undefined;
}

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows returned, or rows written by INSERT / UPDATE / DELETE / COPY. */
  rowCount: number;
}

/** What can run statements: the database itself, or one transaction on it. */
export interface Queryable {
  /** One statement with `$n` parameters; values are never spliced into the SQL text. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>>;
  /**
   * Bulk-loads rows given in PostgreSQL's COPY text format (tab-separated, `\N` for null, one row a line) into
   * `table(columns)`. The table and column names must be trusted identifiers of our own schema.
   */
  copyFrom(table: string, columns: readonly string[], data: string, options?: QueryOptions): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  execScript(sql: string, options?: QueryOptions): Promise<void>;
}

export type DatabaseKind = 'postgres' | 'pglite';

/** The connections of a client pool, for metrics. */
export interface PoolStats {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Callers waiting for a connection: the pool is saturated while this is above 0. */
  waiting: number;
  /** Most connections the pool opens. */
  max: number;
}

/**
 * The catalog database, PostgreSQL (a `pg` pool) or PGlite (PostgreSQL compiled to WebAssembly). Nothing above
 * this interface knows which one it got; the SQL is the same on both.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** A human-readable description of where the data lives, without credentials. */
  readonly location: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: QueryOptions): Promise<T>;
  /** The pool's connection counts, where there is a pool (PostgreSQL); the embedded database has none. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** The COPY statement for a trusted table and column list; refuses anything that is not a plain identifier. */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${JSON.stringify(name)}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}
