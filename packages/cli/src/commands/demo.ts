import { type Database, generateDemoCatalog, loadCollections, loadItems, loadRenderConfigs, type Reject, type SourceRecord } from '@pqe/catalog';
import { AppError, type Logger } from '@pqe/common';
import { type DemoAssetsSummary, demoCatalogWithAssets } from './demo-assets.js';

async function* records(file: string, values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file, line: ++line, value };
}

export interface DemoSummary {
  collections: number;
  items: number;
  renderConfigs: number;
  /** The COGs of the data assets; undefined when none were asked for. */
  assets?: DemoAssetsSummary & { dir: string };
}

export interface DemoOptions {
  /** Absolute folder to write the data assets to as COGs, which the items then point at; none keeps placeholder hrefs. */
  assetsDir?: string | undefined;
}

/**
 * Loads the demo catalog that pqe makes itself (no download): a few collections of realistic items, including one
 * with start/end datetimes only and one that crosses the antimeridian, with their render configs, and writes their
 * data assets as small COGs first, so that no stored href points at a missing file. Re-running it changes nothing.
 */
export async function loadDemo(db: Database, log?: Logger, options: DemoOptions = {}): Promise<DemoSummary> {
  const dir = options.assetsDir;
  let demo = generateDemoCatalog();
  let assets: DemoSummary['assets'];
  if (dir !== undefined) {
    const made = await demoCatalogWithAssets(dir, {}, log);
    demo = made.catalog;
    assets = { ...made.summary, dir };
  }
  const rejects: Reject[] = [];
  const onReject = (r: Reject) => rejects.push(r);
  const collections = await loadCollections(db, records('demo:collections', demo.collections), { method: 'upsert', onReject });
  const items = await loadItems(db, records('demo:items', demo.items), { method: 'upsert', batchSize: 1000, onReject });
  const configs = await loadRenderConfigs(db, demo.renderConfigs, { file: 'demo:render-configs', onReject });
  if (rejects.length > 0 || items.failedBatches.length > 0) {
    throw new AppError('Internal', `The demo catalog did not load cleanly: ${JSON.stringify(rejects[0] ?? items.failedBatches[0])}`);
  }
  const summary: DemoSummary = { collections: collections.read, items: items.loaded + items.unchanged, renderConfigs: configs.loaded.length };
  if (assets !== undefined) summary.assets = assets;
  log?.info(summary, 'demo catalog loaded');
  return summary;
}

export async function catalogIsEmpty(db: Database): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM pqe.collections LIMIT 1');
  return rows.length === 0;
}
