import { z } from 'zod';
import { AppError } from './errors.js';

const booleanFromEnv = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes');

const list = (separator: RegExp) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );

const rootPath = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, 'a URL path such as /api/stac/v1')
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * Every setting of pqe: its key, the environment variable that sets it, its schema and what it means.
 * The README's configuration table is written from this list.
 */
export const settings = {
  port: { env: 'PQE_PORT', schema: z.coerce.number().int().min(0).max(65535).default(8080), doc: 'TCP port of the HTTP server' },
  host: { env: 'PQE_HOST', schema: z.string().min(1).default('127.0.0.1'), doc: 'Address the HTTP server listens on (0.0.0.0 in containers)' },
  engine: {
    env: 'PQE_ENGINE',
    schema: z.enum(['stac', 'data', 'all']).default('all'),
    doc: 'Engines that pqe serve runs: stac (the STAC API), data (the tiler) or all of them in one process',
  },
  databaseUrl: {
    env: 'PQE_DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
      .optional(),
    doc: 'PostgreSQL connection URL; when unset, the embedded database in the data dir is used',
  },
  dataDir: { env: 'PQE_DATA_DIR', schema: z.string().min(1).default('.pqe'), doc: 'Folder of the embedded database (used when no database URL is set)' },
  demoAssetsDir: {
    env: 'PQE_DEMO_ASSETS_DIR',
    schema: z.string().default(''),
    doc: 'Folder for the COGs of pqe demo (default: demo-assets in the data dir); the tiler must be allowed to read it',
  },
  logLevel: {
    env: 'PQE_LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'Log level (JSON lines on standard error)',
  },
  stacRootPath: { env: 'PQE_STAC_ROOT_PATH', schema: rootPath.default('/api/stac/v1'), doc: 'Path the STAC API is served under' },
  dataRootPath: { env: 'PQE_DATA_ROOT_PATH', schema: rootPath.default('/api/data/v1'), doc: 'Path the data API (the tiler) is served under' },
  localRoots: {
    env: 'PQE_LOCAL_ROOTS',
    schema: list(/:/).refine((roots) => roots.every((root) => root.startsWith('/')), 'absolute folder paths, separated by colons'),
    doc: 'Colon-separated folders whose files the tiler may read (default: the data dir with the embedded database, none with PostgreSQL)',
  },
  allowedHosts: {
    env: 'PQE_ALLOWED_HOSTS',
    schema: list(/,/).refine(
      (hosts) => hosts.every((host) => /^(\*|(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.?)$/.test(host)),
      'hostnames (no scheme, port or path), *.suffix or *, separated by commas',
    ),
    doc: 'Comma-separated hosts the tiler may read COGs from: hostnames, `*.suffix` for subdomains, `*` for any (empty: none)',
  },
  dataCacheControl: {
    env: 'PQE_DATA_CACHE_CONTROL',
    schema: z.string().default('public, max-age=3600'),
    doc: 'Cache-Control header of the tiler answers that come from a COG (tiles, previews, info...)',
  },
  blockCacheMb: {
    env: 'PQE_BLOCK_CACHE_MB',
    schema: z.coerce.number().int().min(0).max(65536).default(256),
    doc: 'Memory the tiler keeps decoded COG blocks in, in MiB, shared by all requests (0: no cache)',
  },
  corsOrigins: { env: 'PQE_CORS_ORIGINS', schema: z.string().default('*'), doc: 'Allowed CORS origins: * or a comma-separated list' },
  statementTimeoutMs: {
    env: 'PQE_STATEMENT_TIMEOUT_MS',
    schema: z.coerce.number().int().min(0).default(15000),
    doc: 'Longest a database statement of a request may run (0: no limit)',
  },
  requestTimeoutMs: {
    env: 'PQE_REQUEST_TIMEOUT_MS',
    schema: z.coerce.number().int().min(0).default(30000),
    doc: 'Longest a request may take before it is answered 504 (0: no limit)',
  },
  dbPoolMax: { env: 'PQE_DB_POOL_MAX', schema: z.coerce.number().int().min(1).max(1000).default(10), doc: 'PostgreSQL connections per process' },
  dbParallelWorkers: {
    env: 'PQE_DB_PARALLEL_WORKERS',
    schema: z.coerce.number().int().min(0).max(64).default(0),
    doc: 'PostgreSQL parallel workers per statement of a request (0: none; searches are faster without)',
  },
  migrateOnStart: {
    env: 'PQE_MIGRATE_ON_START',
    schema: booleanFromEnv.optional(),
    doc: 'Apply pending migrations when the server starts (default: yes on the embedded database, no on PostgreSQL)',
  },
  tilerHref: {
    env: 'PQE_TILER_HREF',
    schema: z.string().default(''),
    doc: 'Base URL of the data API for the tiler links in STAC items (default: /api/data/v1/ on the request host)',
  },
  region: { env: 'PQE_REGION', schema: z.string().min(1).default('westeurope'), doc: 'msft:region given to collections that do not name one' },
  describedbyHref: {
    env: 'PQE_DESCRIBEDBY_HREF',
    schema: z.string().default(''),
    doc: 'Template of a human-readable page per collection, {collection} replaced by its id (empty: no describedby link)',
  },
  countBudgetMs: {
    env: 'PQE_COUNT_BUDGET_MS',
    schema: z.coerce.number().int().min(0).default(10),
    doc: 'Longest the exact count of a search (numberMatched) may take before the estimate is given instead (0: never count)',
  },
  metrics: {
    env: 'PQE_METRICS',
    schema: booleanFromEnv.default(true),
    doc: 'Serve Prometheus metrics at /metrics (request durations, requests in flight, process, database pool)',
  },
  catalogId: { env: 'PQE_CATALOG_ID', schema: z.string().min(1).default('pqe'), doc: 'id of the STAC landing page' },
  catalogTitle: { env: 'PQE_CATALOG_TITLE', schema: z.string().min(1).default('pqe STAC API'), doc: 'Title of the STAC landing page' },
  catalogDescription: {
    env: 'PQE_CATALOG_DESCRIPTION',
    schema: z.string().min(1).default('Earth observation catalog served by pqe, the Planetary Query Engine'),
    doc: 'Description of the STAC landing page',
  },
} as const;

type Settings = typeof settings;
export type Config = { readonly [K in keyof Settings]: z.output<Settings[K]['schema']> };
/** Which engines a process serves. */
export type Engine = Config['engine'];
export type ConfigOverrides = { [K in keyof Settings]?: z.input<Settings[K]['schema']> | undefined };

/**
 * Reads the configuration once: command-line overrides win over the environment, which wins over defaults.
 * A variable that is empty or blank counts as unset.
 * Throws an AppError that names the variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const given = overrides[key as keyof Settings] ?? env[setting.env];
    const raw = typeof given === 'string' ? (given.trim() === '' ? undefined : given.trim()) : given;
    const override = overrides[key as keyof Settings];
    const parsed = setting.schema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
      const source = override === undefined ? setting.env : `the ${key} option`;
      throw new AppError('InvalidParameter', `Invalid ${source} (${JSON.stringify(raw)}): ${reason}`);
    }
    out[key] = parsed.data;
  }
  return out as Config;
}
