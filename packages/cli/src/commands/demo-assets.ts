// The demo catalog with real data assets: small COGs made from the synth landscape, in the CRS each item names,
// covering the footprints of the items that point at them (see demo-assets-plan.ts for which ones). Pixels are
// much coarser than the items' gsd says: the whole set must be made in well under a second, since `pqe demo`
// and the tests run it often. Thumbnails keep their placeholder hrefs.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DemoAssetHref, type DemoCatalog, type DemoCatalogOptions, generateDemoCatalog } from '@pqe/catalog';
import { AppError, type Logger } from '@pqe/common';
import { writeGeoTiff } from '@pqe/raster';
import { type ClimateBase, climateBase, precipitationAsset } from './demo-assets-climate.js';
import { footprintMask } from './demo-assets-footprint.js';
import type { AssetGrid } from './demo-assets-grid.js';
import { opticalAssets } from './demo-assets-optical.js';
import { type AssetPlan, planDemoAssets } from './demo-assets-plan.js';
import { type AssetRaster, seedOf } from './demo-assets-raster.js';
import { sarAssets } from './demo-assets-sar.js';

type Json = Record<string, unknown>;

/** The folder under the data dir that demo assets go to when no other is set. */
export const DEMO_ASSETS_FOLDER = 'demo-assets';

/** Names that become folder and file names: nothing else may. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface DemoAssetsSummary {
  /** COGs the catalog points at. */
  files: number;
  /** Of those, the ones that were missing or different, and were (re)written. */
  written: number;
  bytes: number;
  /** Items whose data assets are among those files. */
  items: number;
}

/** The absolute folder for demo assets: `dir` when given, else demo-assets in the data dir. */
export function demoAssetsDir(dataDir: string, dir?: string): string {
  return resolve(dir !== undefined && dir !== '' ? dir : join(dataDir, DEMO_ASSETS_FOLDER));
}

/** Checks, before any work, that `dir` is a folder or can become one. @throws AppError InvalidParameter. */
export async function checkAssetsDir(dir: string): Promise<void> {
  let path = dir;
  for (;;) {
    try {
      if (!(await stat(path)).isDirectory()) {
        throw new AppError('InvalidParameter', `Cannot make the folder ${dir} for the demo assets: ${path} is not a folder; choose another --assets-dir.`);
      }
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(path) === path) throw error;
      path = dirname(path);
    }
  }
}

/** Where a set's file for one asset key is under `dir`: <collection>/<set name>/<key>.tif. */
export function demoAssetPath(dir: string, plan: Pick<AssetPlan, 'collection' | 'name'>, key: string): string {
  for (const name of [plan.collection, plan.name, key]) {
    if (!SAFE_NAME.test(name)) throw new AppError('InvalidParameter', `The demo name ${JSON.stringify(name)} cannot be a file name.`);
  }
  return join(dir, plan.collection, plan.name, `${key}.tif`);
}

/**
 * Hrefs for the generator: the file:// URL of its COG for each data asset that a plan covers; placeholders for
 * the rest. File URLs rather than bare paths: a STAC href is a URI, and a client would resolve a bare path against
 * the API's own URL.
 */
export function demoAssetHrefs(plans: readonly AssetPlan[], dir: string): DemoAssetHref {
  const planOf = new Map<string, AssetPlan>();
  for (const plan of plans) for (const item of plan.items) planOf.set(`${plan.collection}\n${String(item.id)}`, plan);
  return ({ collection, itemId, key }) => {
    const plan = planOf.get(`${collection}\n${itemId}`);
    return plan?.keys.includes(key) ? pathToFileURL(demoAssetPath(dir, plan, key)).href : undefined;
  };
}

/** Tiles as GDAL's COG driver makes them (512) where the image allows, smaller so that every file has an overview. */
function tileSizeFor(width: number, height: number): number {
  const side = Math.max(width, height);
  return [512, 256, 128].find((size) => size < side) ?? 64;
}

/** Writes `bytes` to `path` unless the file holds them already; a new file is renamed into place whole. */
async function writeIfChanged(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const existing = await readFile(path);
    if (Buffer.compare(existing, bytes) === 0) return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw new AppError(
      'InvalidParameter',
      `Cannot make the folder ${dirname(path)} for the demo assets (${(error as Error).message}); choose another --assets-dir.`,
      {
        cause: error,
      },
    );
  }
  const temporary = `${path}.${process.pid}.partial`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return true;
}

/** Makes the rasters of one plan, keeping the monthly grids' shared noise between months. */
class Painter {
  #climate: ClimateBase | undefined;

  paint(plan: AssetPlan): Map<string, AssetRaster> {
    const { grid } = plan;
    const keys = new Set(plan.keys);
    const first = plan.items[0] as Json;
    const properties = first.properties as Json;
    if (plan.kind === 'climate') {
      if (this.#climate?.grid.geotransform[1] !== grid.geotransform[1]) this.#climate = climateBase(grid, seedOf(plan.collection));
      const start = String(properties.start_datetime);
      const raster = precipitationAsset(this.#climate, Number(start.slice(0, 4)), Number(start.slice(5, 7)), Number(properties['demo:global_mean']));
      return new Map(keys.has('data') ? [['data', raster]] : []);
    }
    const mask = footprintMask(grid);
    if (plan.kind === 'sar') {
      return sarAssets({ landscapeSeed: seedOf(plan.collection), speckleSeed: seedOf(`speckle ${plan.name}`) }, grid, mask, keys);
    }
    // A file of its own shows its scene's clouds (shared by the scenes of one pass); a shared file shows none.
    const single = plan.items.length === 1;
    const pass =
      properties['demo:relative_orbit'] === undefined
        ? plan.name
        : `${String(properties.platform)} ${String(properties.datetime).slice(0, 10)} ${String(properties['demo:relative_orbit'])}`;
    const cloudCover = single ? Number(properties['eo:cloud_cover'] ?? 0) : 0;
    return opticalAssets({ landscapeSeed: seedOf(plan.collection), cloudSeed: seedOf(`clouds ${pass}`), cloudCover }, grid, mask, keys);
  }
}

/** proj:shape and proj:transform of an asset, as the projection extension defines them (rasterio's affine order). */
function projectionFields(grid: AssetGrid): Json {
  const [x0, dx, rx, y0, ry, dy] = grid.geotransform;
  return { 'proj:shape': [grid.height, grid.width], 'proj:transform': [dx, rx, x0, ry, dy, y0] };
}

/**
 * The demo catalog whose data assets point at COGs under `dir`, after writing them. Each such asset also gets its
 * grid (proj:shape, proj:transform). Files that already hold the same bytes are left alone: the output depends on
 * the catalog only, so running it again writes nothing.
 */
export async function demoCatalogWithAssets(
  dir: string,
  options: Omit<DemoCatalogOptions, 'assetHref'> = {},
  log?: Logger,
): Promise<{ catalog: DemoCatalog; summary: DemoAssetsSummary }> {
  const started = performance.now();
  // Plans need the items' footprints, and hrefs are made with the items: plan on a first catalog, then make the
  // catalog again (the same items, from the same seed) with the hrefs.
  const plans = planDemoAssets(generateDemoCatalog(options));
  const catalog = generateDemoCatalog({ ...options, assetHref: demoAssetHrefs(plans, dir) });
  const byId = new Map((catalog.items as Json[]).map((item) => [`${String(item.collection)}\n${String(item.id)}`, item]));
  const painter = new Painter();
  const summary: DemoAssetsSummary = { files: 0, written: 0, bytes: 0, items: 0 };
  for (const plan of plans) {
    const rasters = painter.paint(plan);
    const { grid } = plan;
    for (const key of plan.keys) {
      const raster = rasters.get(key);
      if (raster === undefined) throw new AppError('Internal', `The demo asset ${key} of ${plan.collection}/${plan.name} has no raster.`);
      const bytes = await writeGeoTiff({
        ...raster,
        width: grid.width,
        height: grid.height,
        geotransform: grid.geotransform,
        crs: { epsg: grid.epsg, geographic: grid.geographic },
        overviews: true,
        tileSize: tileSizeFor(grid.width, grid.height),
      });
      summary.files++;
      summary.bytes += bytes.length;
      if (await writeIfChanged(demoAssetPath(dir, plan, key), bytes)) summary.written++;
    }
    for (const planned of plan.items) {
      const item = byId.get(`${plan.collection}\n${String(planned.id)}`);
      const assets = (item?.assets ?? {}) as Record<string, Json>;
      for (const key of plan.keys) if (assets[key] !== undefined) Object.assign(assets[key], projectionFields(grid));
      summary.items++;
    }
  }
  log?.info({ ...summary, dir, ms: Math.round(performance.now() - started) }, 'demo assets written');
  return { catalog, summary };
}
