import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, settings } from '../src/config.js';
import { AppError } from '../src/errors.js';

/** Asserts that `fn` throws an InvalidParameter AppError whose message matches `message`. */
function assertInvalid(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, 'InvalidParameter');
    assert.match(error.message, message);
    return true;
  });
}

describe('loadConfig', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(loadConfig({}), {
      port: 8080,
      host: '127.0.0.1',
      engine: 'all',
      databaseUrl: undefined,
      dataDir: '.pqe',
      logLevel: 'info',
      stacRootPath: '/api/stac/v1',
      dataRootPath: '/api/data/v1',
      localRoots: [],
      allowedHosts: [],
      dataCacheControl: 'public, max-age=3600',
      blockCacheMb: 256,
      demoAssetsDir: '',
      corsOrigins: '*',
      statementTimeoutMs: 15000,
      requestTimeoutMs: 30000,
      dbPoolMax: 10,
      dbParallelWorkers: 0,
      migrateOnStart: undefined,
      tilerHref: '',
      region: 'westeurope',
      describedbyHref: '',
      countBudgetMs: 10,
      metrics: true,
      catalogId: 'pqe',
      catalogTitle: 'pqe STAC API',
      catalogDescription: 'Earth observation catalog served by pqe, the Planetary Query Engine',
    });
  });

  it('reads every setting from its environment variable', () => {
    const config = loadConfig({
      PQE_PORT: '9000',
      PQE_HOST: '0.0.0.0',
      PQE_ENGINE: 'stac',
      PQE_DATABASE_URL: 'postgresql://u:p@db:5432/stac',
      PQE_DATA_DIR: '/var/lib/pqe',
      PQE_LOG_LEVEL: 'debug',
      PQE_STAC_ROOT_PATH: '/stac',
      PQE_DATA_ROOT_PATH: '/data/',
      PQE_LOCAL_ROOTS: '/srv/cogs:/mnt/more cogs/',
      PQE_ALLOWED_HOSTS: 'example.blob.core.windows.net, *.example.org',
      PQE_DATA_CACHE_CONTROL: 'no-store',
      PQE_BLOCK_CACHE_MB: '64',
      PQE_DEMO_ASSETS_DIR: '/srv/pqe-demo',
      PQE_CORS_ORIGINS: 'https://a.example,https://b.example',
      PQE_STATEMENT_TIMEOUT_MS: '0',
      PQE_REQUEST_TIMEOUT_MS: '5000',
      PQE_DB_POOL_MAX: '3',
      PQE_DB_PARALLEL_WORKERS: '2',
      PQE_MIGRATE_ON_START: 'true',
      PQE_TILER_HREF: 'https://tiles.example/api/data/v1/',
      PQE_REGION: 'eastus',
      PQE_DESCRIBEDBY_HREF: 'https://example.org/datasets/{collection}',
      PQE_COUNT_BUDGET_MS: '100',
      PQE_METRICS: 'false',
      PQE_CATALOG_ID: 'mine',
      PQE_CATALOG_TITLE: 'My catalog',
      PQE_CATALOG_DESCRIPTION: 'Mine',
    });
    assert.deepEqual(config, {
      port: 9000,
      host: '0.0.0.0',
      engine: 'stac',
      databaseUrl: 'postgresql://u:p@db:5432/stac',
      dataDir: '/var/lib/pqe',
      logLevel: 'debug',
      stacRootPath: '/stac',
      dataRootPath: '/data',
      localRoots: ['/srv/cogs', '/mnt/more cogs/'],
      allowedHosts: ['example.blob.core.windows.net', '*.example.org'],
      dataCacheControl: 'no-store',
      blockCacheMb: 64,
      demoAssetsDir: '/srv/pqe-demo',
      corsOrigins: 'https://a.example,https://b.example',
      statementTimeoutMs: 0,
      requestTimeoutMs: 5000,
      dbPoolMax: 3,
      dbParallelWorkers: 2,
      migrateOnStart: true,
      tilerHref: 'https://tiles.example/api/data/v1/',
      region: 'eastus',
      describedbyHref: 'https://example.org/datasets/{collection}',
      countBudgetMs: 100,
      metrics: false,
      catalogId: 'mine',
      catalogTitle: 'My catalog',
      catalogDescription: 'Mine',
    });
  });

  it('ignores environment variables that are not its own', () => {
    assert.deepEqual(loadConfig({ PORT: '1', DATABASE_URL: 'postgres://x' }), loadConfig({}));
  });

  it('lets overrides win over the environment', () => {
    const config = loadConfig({ PQE_PORT: '9000', PQE_LOG_LEVEL: 'debug' }, { port: 9100, logLevel: 'warn' });
    assert.equal(config.port, 9100);
    assert.equal(config.logLevel, 'warn');
  });

  it('uses the environment for a setting whose override is undefined', () => {
    assert.equal(loadConfig({ PQE_PORT: '9000' }, { port: undefined }).port, 9000);
  });

  it('treats an empty environment variable as unset', () => {
    const config = loadConfig({ PQE_PORT: '', PQE_DATABASE_URL: '', PQE_LOG_LEVEL: '', PQE_MIGRATE_ON_START: '' });
    assert.equal(config.port, 8080);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.migrateOnStart, undefined);
  });

  it('accepts port 0 (any free port) and 65535', () => {
    assert.equal(loadConfig({ PQE_PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PQE_PORT: '65535' }).port, 65535);
  });

  it('accepts a postgres:// database URL as well as postgresql://', () => {
    assert.equal(loadConfig({ PQE_DATABASE_URL: 'postgres://localhost/stac' }).databaseUrl, 'postgres://localhost/stac');
  });

  describe('PQE_STAC_ROOT_PATH', () => {
    const cases: { value: string; path: string }[] = [
      { value: '/api/stac/v1/', path: '/api/stac/v1' },
      { value: '/', path: '' },
      { value: '/a.b_c~d-e/v1', path: '/a.b_c~d-e/v1' },
    ];
    for (const { value, path } of cases) {
      it(`reads ${JSON.stringify(value)} as ${JSON.stringify(path)}`, () => {
        assert.equal(loadConfig({ PQE_STAC_ROOT_PATH: value }).stacRootPath, path);
      });
    }
  });

  describe('PQE_MIGRATE_ON_START', () => {
    const cases: { value: string; migrate: boolean }[] = [
      { value: 'true', migrate: true },
      { value: '1', migrate: true },
      { value: 'yes', migrate: true },
      { value: 'false', migrate: false },
      { value: '0', migrate: false },
      { value: 'no', migrate: false },
    ];
    for (const { value, migrate } of cases) {
      it(`reads "${value}" as ${migrate}`, () => {
        assert.equal(loadConfig({ PQE_MIGRATE_ON_START: value }).migrateOnStart, migrate);
      });
    }

    it('takes a boolean override', () => {
      assert.equal(loadConfig({ PQE_MIGRATE_ON_START: 'true' }, { migrateOnStart: false }).migrateOnStart, false);
    });
  });

  describe('PQE_METRICS', () => {
    it('is on unless it is turned off', () => {
      assert.equal(loadConfig({}).metrics, true);
      assert.equal(loadConfig({ PQE_METRICS: '' }).metrics, true);
      assert.equal(loadConfig({ PQE_METRICS: 'no' }).metrics, false);
      assert.equal(loadConfig({ PQE_METRICS: '0' }).metrics, false);
    });

    it('refuses a value that is not a yes or a no', () => {
      assertInvalid(() => loadConfig({ PQE_METRICS: 'sometimes' }), /^Invalid PQE_METRICS \("sometimes"\)/);
    });
  });

  describe('invalid values', () => {
    const cases: { name: string; env: Record<string, string>; message: RegExp }[] = [
      { name: 'a port of 70000', env: { PQE_PORT: '70000' }, message: /^Invalid PQE_PORT \("70000"\): Too big/ },
      { name: 'a port of -1', env: { PQE_PORT: '-1' }, message: /^Invalid PQE_PORT \("-1"\)/ },
      { name: 'a port of "abc"', env: { PQE_PORT: 'abc' }, message: /^Invalid PQE_PORT \("abc"\): .*number/ },
      { name: 'a fractional port', env: { PQE_PORT: '8080.5' }, message: /^Invalid PQE_PORT \("8080.5"\)/ },
      {
        name: 'a mysql:// database URL',
        env: { PQE_DATABASE_URL: 'mysql://localhost/db' },
        message: /^Invalid PQE_DATABASE_URL \(.*\): a postgres:\/\/ or postgresql:\/\/ URL$/,
      },
      { name: 'a database URL that is a host name', env: { PQE_DATABASE_URL: 'localhost:5432' }, message: /^Invalid PQE_DATABASE_URL/ },
      { name: 'a log level of "loud"', env: { PQE_LOG_LEVEL: 'loud' }, message: /^Invalid PQE_LOG_LEVEL \("loud"\): .*"info"/ },
      { name: 'a log level in capitals', env: { PQE_LOG_LEVEL: 'INFO' }, message: /^Invalid PQE_LOG_LEVEL/ },
      { name: 'an engine of "tiler"', env: { PQE_ENGINE: 'tiler' }, message: /^Invalid PQE_ENGINE \("tiler"\): .*"stac"/ },
      {
        name: 'a root path with spaces',
        env: { PQE_STAC_ROOT_PATH: '/api/my stac' },
        message: /^Invalid PQE_STAC_ROOT_PATH \("\/api\/my stac"\): a URL path such as \/api\/stac\/v1$/,
      },
      { name: 'a root path without a leading slash', env: { PQE_STAC_ROOT_PATH: 'api/stac' }, message: /^Invalid PQE_STAC_ROOT_PATH/ },
      { name: 'a root path ending in two slashes', env: { PQE_STAC_ROOT_PATH: '/stac//' }, message: /^Invalid PQE_STAC_ROOT_PATH/ },
      { name: 'a root path with a query', env: { PQE_STAC_ROOT_PATH: '/api?x=1' }, message: /^Invalid PQE_STAC_ROOT_PATH/ },
      { name: 'a migrate flag of "maybe"', env: { PQE_MIGRATE_ON_START: 'maybe' }, message: /^Invalid PQE_MIGRATE_ON_START \("maybe"\)/ },
      { name: 'a negative statement timeout', env: { PQE_STATEMENT_TIMEOUT_MS: '-5' }, message: /^Invalid PQE_STATEMENT_TIMEOUT_MS/ },
      { name: 'a request timeout in seconds with a unit', env: { PQE_REQUEST_TIMEOUT_MS: '30s' }, message: /^Invalid PQE_REQUEST_TIMEOUT_MS \("30s"\)/ },
      { name: 'a pool of 0 connections', env: { PQE_DB_POOL_MAX: '0' }, message: /^Invalid PQE_DB_POOL_MAX \("0"\): Too small/ },
      { name: 'a relative local root', env: { PQE_LOCAL_ROOTS: '/srv/cogs:data' }, message: /^Invalid PQE_LOCAL_ROOTS .*absolute folder paths/ },
      { name: 'an allowed host given as a URL', env: { PQE_ALLOWED_HOSTS: 'https://example.org/' }, message: /^Invalid PQE_ALLOWED_HOSTS .*no scheme/ },
      { name: 'an allowed host with a port', env: { PQE_ALLOWED_HOSTS: 'example.org:8080' }, message: /^Invalid PQE_ALLOWED_HOSTS/ },
      { name: 'a pool of 1001 connections', env: { PQE_DB_POOL_MAX: '1001' }, message: /^Invalid PQE_DB_POOL_MAX/ },
    ];
    for (const { name, env, message } of cases) {
      it(`rejects ${name}, naming the variable`, () => {
        assertInvalid(() => loadConfig(env), message);
      });
    }

    it('names the option, not the variable, when an override is invalid', () => {
      assertInvalid(() => loadConfig({}, { port: 70000 }), /^Invalid the port option \(70000\): Too big/);
    });

    it('rejects an invalid variable even when another is fine', () => {
      assertInvalid(() => loadConfig({ PQE_PORT: '9000', PQE_LOG_LEVEL: 'loud' }), /PQE_LOG_LEVEL/);
    });

    it('reads a port of only spaces as unset (the default), not as port 0', () => {
      assert.equal(loadConfig({ PQE_PORT: '  ' }).port, 8080);
    });

    it('reads a statement timeout of only spaces as unset (the default), not as no limit', () => {
      assert.equal(loadConfig({ PQE_STATEMENT_TIMEOUT_MS: ' ' }).statementTimeoutMs, 15000);
    });
  });

  it('has a distinct PQE_ variable for every setting', () => {
    const envs = Object.values(settings).map((s) => s.env);
    assert.equal(new Set(envs).size, envs.length);
    for (const env of envs) assert.match(env, /^PQE_[A-Z_]+$/);
  });
});
