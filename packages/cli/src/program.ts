import { readFileSync } from 'node:fs';
import {
  listConfiguredQueryables,
  loadRenderConfigs,
  migrate,
  type QueryableType,
  queryableTypes,
  type Reject,
  removeQueryable,
  setQueryable,
} from '@pqe/catalog';
import { AppError, type Engine, settings } from '@pqe/common';
import { Command, Option } from 'commander';
import { catalogIsEmpty, loadDemo } from './commands/demo.js';
import { checkAssetsDir, demoAssetsDir } from './commands/demo-assets.js';
import {
  describeCollectionsSummary,
  describeItemsSummary,
  loadCollectionsCommand,
  loadItemsCommand,
  parseBatchSize,
  parseMethod,
  parsePartition,
} from './commands/load.js';
import { serve } from './commands/serve.js';
import { type GlobalOptions, openForCommand, runtime } from './runtime.js';

/** Exit codes: 0 done, 1 done but some input was rejected or failed, 2 could not run. */
export const ExitCode = { ok: 0, partial: 1, error: 2 } as const;

function configTable(): string {
  return Object.values(settings)
    .map((s) => `  ${s.env.padEnd(26)} ${s.doc}`)
    .join('\n');
}

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('pqe')
    .description('pqe, the Planetary Query Engine: a STAC API and dynamic tiler over PostgreSQL + PostGIS or an embedded database')
    .option('--database-url <url>', 'PostgreSQL URL (env PQE_DATABASE_URL); the embedded database is used when absent')
    .option('--data-dir <dir>', 'folder of the embedded database (env PQE_DATA_DIR, default .pqe)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent (env PQE_LOG_LEVEL)')
    .addHelpText('after', `\nEnvironment:\n${configTable()}\n`)
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals<GlobalOptions>();

  program
    .command('serve')
    .description('serve the STAC API and the tiler, in one process or one engine per process')
    .option('-p, --port <port>', 'TCP port (env PQE_PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env PQE_HOST, default 127.0.0.1)')
    .option('--engine <engine>', 'engines to run: stac, data or all (env PQE_ENGINE, default all)')
    .option('--demo', 'load the demo catalog when the catalog is empty')
    .option('--local-root <dir...>', 'folder whose files the tiler may read; repeatable (env PQE_LOCAL_ROOTS, default: the data dir when embedded)')
    .option('--allowed-host <host...>', 'host the tiler may read COGs from: a hostname, *.suffix or *; repeatable (env PQE_ALLOWED_HOSTS)')
    .addOption(new Option('--migrate', 'apply pending migrations first (default: on the embedded database)'))
    .addOption(new Option('--no-migrate', 'do not apply migrations'))
    .action(
      async (
        options: { port?: string; host?: string; engine?: Engine; demo?: boolean; migrate?: boolean; localRoot?: string[]; allowedHost?: string[] },
        command: Command,
      ) => {
        const rt = runtime(globals(command), {
          port: options.port,
          host: options.host,
          engine: options.engine,
          localRoots: options.localRoot?.join(':'),
          allowedHosts: options.allowedHost?.join(','),
        });
        const explicit = command.getOptionValueSource('migrate') === 'cli' ? options.migrate : undefined;
        await serve(rt, { demo: options.demo === true, migrate: explicit });
      },
    );

  program
    .command('migrate')
    .description('apply pending database migrations (forward-only, checksummed)')
    .action(async (_options: unknown, command: Command) => {
      const rt = runtime(globals(command));
      const db = await openForCommand(rt, { migrate: false, skipCheck: true });
      try {
        const applied = await migrate(db, rt.log);
        process.stdout.write(applied.length === 0 ? `${db.location}: up to date\n` : `${db.location}: applied ${applied.join(', ')}\n`);
      } finally {
        await db.close();
      }
    });

  const load = program.command('load').description('load STAC collections or items from NDJSON, JSON arrays or FeatureCollections (gzip ok; - for stdin)');

  load
    .command('collections')
    .argument('<files...>', 'input files, or - for standard input')
    .option('--method <method>', 'insert, ignore or upsert', 'upsert')
    .option('--partition <scheme>', 'time partitioning of the items of new collections: year, month or none')
    .option('--rejects <file>', 'write rejects as NDJSON to this file instead of standard error')
    .action(async (files: string[], options: { method: string; partition?: string; rejects?: string }, command: Command) => {
      const method = parseMethod(options.method);
      const partition = parsePartition(options.partition);
      const rt = runtime(globals(command));
      const db = await openForCommand(rt);
      try {
        const summary = await loadCollectionsCommand(db, files, { method, partition, rejects: options.rejects });
        process.stdout.write(`${describeCollectionsSummary(summary)}\n`);
        if (summary.rejected + summary.failed > 0) setExitCode(ExitCode.partial);
      } finally {
        await db.close();
      }
    });

  load
    .command('items')
    .argument('<files...>', 'input files, or - for standard input')
    .option('--method <method>', 'insert, ignore, upsert or delsert', 'insert')
    .option('--batch-size <n>', 'items per transaction', '1000')
    .option('--collection <id>', 'collection of the items that do not name one')
    .option('--rejects <file>', 'write rejects as NDJSON to this file instead of standard error')
    .action(async (files: string[], options: { method: string; batchSize: string; collection?: string; rejects?: string }, command: Command) => {
      const method = parseMethod(options.method);
      const batchSize = parseBatchSize(options.batchSize);
      const rt = runtime(globals(command));
      const db = await openForCommand(rt);
      try {
        const summary = await loadItemsCommand(db, files, { method, batchSize, collection: options.collection, rejects: options.rejects, log: rt.log });
        process.stdout.write(`${describeItemsSummary(summary)}\n`);
        if (summary.rejected > 0 || summary.failedBatches.length > 0) setExitCode(ExitCode.partial);
      } finally {
        await db.close();
      }
    });

  program
    .command('demo')
    .description('load the demo catalog (made by pqe itself, no download) and write its data assets as COGs')
    .option('--if-empty', 'only when the catalog has no collections yet')
    .option('--assets-dir <dir>', 'folder for the demo COGs (env PQE_DEMO_ASSETS_DIR, default demo-assets in the data dir)')
    .option('--no-assets', 'write no COGs: the items keep placeholder asset hrefs')
    .action(async (options: { ifEmpty?: boolean; assetsDir?: string; assets: boolean }, command: Command) => {
      const rt = runtime(globals(command), { demoAssetsDir: options.assetsDir });
      const assetsDir = options.assets ? demoAssetsDir(rt.config.dataDir, rt.config.demoAssetsDir) : undefined;
      if (assetsDir !== undefined) await checkAssetsDir(assetsDir);
      const db = await openForCommand(rt);
      try {
        if (options.ifEmpty === true && !(await catalogIsEmpty(db))) {
          process.stdout.write('catalog not empty: demo not loaded\n');
          return;
        }
        const summary = await loadDemo(db, undefined, { assetsDir });
        process.stdout.write(`demo catalog: ${summary.collections} collections, ${summary.items} items, ${summary.renderConfigs} render configs\n`);
        if (summary.assets !== undefined) {
          const { files, written, dir } = summary.assets;
          process.stdout.write(`demo assets: ${files} COGs in ${dir} (${written} written, ${files - written} unchanged)\n`);
        }
      } finally {
        await db.close();
      }
    });

  const renderConfig = program.command('render-config').description('per-collection render configs (the Planetary Computer collection config shape)');
  renderConfig
    .command('load')
    .argument('<file>', 'a JSON object keyed by collection id: { "<id>": { "render_config": {...}, "mosaic_info": {...} } }')
    .action(async (file: string, _options: unknown, command: Command) => {
      let document: unknown;
      try {
        document = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
      } catch (error) {
        throw new AppError('InvalidParameter', `Cannot read ${file} as JSON: ${(error as Error).message}`);
      }
      const rt = runtime(globals(command));
      const db = await openForCommand(rt);
      try {
        const onReject = (r: Reject) => process.stderr.write(`rejected ${r.id ?? r.file}: ${r.reason}\n`);
        const summary = await loadRenderConfigs(db, document, { file, onReject });
        process.stdout.write(`${summary.loaded.length} render configs loaded, ${summary.queryables} queryables, ${summary.rejected} rejected\n`);
        if (summary.rejected > 0) setExitCode(ExitCode.partial);
      } finally {
        await db.close();
      }
    });

  const queryables = program.command('queryables').description('configured queryables: the properties filters and sorts type, and the ones kept indexed');
  queryables
    .command('set')
    .argument('<name>', 'property name, e.g. eo:cloud_cover')
    .requiredOption('--type <type>', `one of ${queryableTypes.join(', ')}`)
    .option('--collection <id...>', 'collections it applies to (default: all)')
    .option('--title <title>', 'title shown in /queryables')
    .option('--description <text>', 'description shown in /queryables')
    .option('--index <kind>', 'btree: keep an index on the property so that sorts on it stay fast; none: no index', 'none')
    .action(async (name: string, options: { type: string; collection?: string[]; title?: string; description?: string; index: string }, command: Command) => {
      if (!(queryableTypes as readonly string[]).includes(options.type)) {
        throw new AppError('InvalidParameter', `--type ${options.type}: expected one of ${queryableTypes.join(', ')}`);
      }
      if (options.index !== 'btree' && options.index !== 'none') throw new AppError('InvalidParameter', `--index ${options.index}: expected btree or none`);
      const rt = runtime(globals(command));
      const db = await openForCommand(rt);
      try {
        const { indexesCreated } = await setQueryable(db, {
          name,
          collections: options.collection,
          type: options.type as QueryableType,
          title: options.title,
          description: options.description,
          index: options.index === 'btree' ? 'btree' : null,
        });
        process.stdout.write(`queryable ${name} set${indexesCreated > 0 ? `, ${indexesCreated} index${indexesCreated === 1 ? '' : 'es'} created` : ''}\n`);
      } finally {
        await db.close();
      }
    });
  queryables
    .command('remove')
    .argument('<name>', 'property name')
    .option('--collection <id...>', 'the collections it was set for (default: the catalog-wide one)')
    .action(async (name: string, options: { collection?: string[] }, command: Command) => {
      const rt = runtime(globals(command));
      const db = await openForCommand(rt);
      try {
        const removed = await removeQueryable(db, name, options.collection);
        process.stdout.write(
          removed ? `queryable ${name} removed\n` : `no queryable ${name} configured for ${options.collection?.join(', ') ?? 'all collections'}\n`,
        );
        if (!removed) setExitCode(ExitCode.partial);
      } finally {
        await db.close();
      }
    });
  queryables
    .command('list')
    .description('print the configured queryables as NDJSON')
    .action(async (_options: unknown, command: Command) => {
      const rt = runtime(globals(command));
      const db = await openForCommand(rt);
      try {
        for (const q of await listConfiguredQueryables(db)) process.stdout.write(`${JSON.stringify(q)}\n`);
      } finally {
        await db.close();
      }
    });

  return program;
}
