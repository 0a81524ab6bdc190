import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDemoCatalog, hydrateItem, ITEM_ROW_COLUMNS, type ItemRow, type JsonObject, PgliteDatabase } from '@pqe/catalog';
import { runPqe } from './run-pqe.js';

const gdal = spawnSync('gdalinfo', ['--version']).status === 0 && spawnSync('gdaltransform', ['--version']).status === 0;
const skip = gdal ? false : 'gdalinfo or gdaltransform not installed: the COGs are checked with GDAL';

interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  cornerCoordinates: { upperLeft: [number, number]; lowerRight: [number, number] };
  metadata: { IMAGE_STRUCTURE?: Record<string, string> };
  bands: { overviews?: unknown[]; noDataValue?: number; colorTable?: { entries: number[][] } }[];
}

function gdalinfo(path: string): GdalInfo {
  return JSON.parse(execFileSync('gdalinfo', ['-json', path], { encoding: 'utf8' })) as GdalInfo;
}

/** The EPSG code GDAL reads from the file: the last ID["EPSG",n] of its WKT names the CRS itself. */
function epsgOf(info: GdalInfo): number {
  const ids = [...info.coordinateSystem.wkt.matchAll(/ID\["EPSG",(\d+)\]/g)];
  return Number(ids.at(-1)?.[1]);
}

/** Longitude, latitude points into EPSG:code, by GDAL (PROJ), one line each. */
function gdalTransform(code: number, points: readonly number[][]): number[][] {
  const out = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${code}`, '-output_xy'], {
    input: points.map(([lon, lat]) => `${lon} ${lat}`).join('\n'),
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
}

function positions(geometry: JsonObject): number[][] {
  const out: number[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') out.push(value as number[]);
    else if (Array.isArray(value)) for (const inner of value) walk(inner);
  };
  walk(geometry.coordinates);
  return out;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function storedItems(dataDir: string): Promise<JsonObject[]> {
  const db = await PgliteDatabase.open({ dataDir: join(dataDir, 'pgdata') });
  try {
    const { rows } = await db.query<ItemRow & { base_item: JsonObject }>(
      `SELECT ${ITEM_ROW_COLUMNS}, c.base_item FROM pqe.items AS i JOIN pqe.collections AS c ON c.id = i.collection ORDER BY i.collection, i.id`,
    );
    return rows.map((row) => hydrateItem(row, row.base_item));
  } finally {
    await db.close();
  }
}

/** The data assets of the items that point at local files: file path → the items and the asset. */
function filesOfItems(items: readonly JsonObject[]): Map<string, { item: JsonObject; asset: JsonObject }[]> {
  const files = new Map<string, { item: JsonObject; asset: JsonObject }[]>();
  for (const item of items) {
    for (const asset of Object.values(item.assets as Record<string, JsonObject>)) {
      const href = asset.href as string;
      if (!href.startsWith('file:')) continue;
      const path = fileURLToPath(href);
      files.set(path, [...(files.get(path) ?? []), { item, asset }]);
    }
  }
  return files;
}

describe('pqe demo writes the demo assets as COGs', { skip }, () => {
  let dataDir: string;
  let assetsDir: string;
  let items: JsonObject[];
  let files: Map<string, { item: JsonObject; asset: JsonObject }[]>;
  let stdout: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pqe-demo-assets-'));
    assetsDir = join(dataDir, 'demo-assets');
    const result = await runPqe(['demo', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    stdout = result.stdout;
    items = await storedItems(dataDir);
    files = filesOfItems(items);
  });

  after(() => {
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says how many COGs it wrote and where', () => {
    assert.match(stdout, /demo catalog: 4 collections, 264 items, 4 render configs/);
    assert.match(stdout, new RegExp(`demo assets: ${files.size} COGs in ${assetsDir} \\(${files.size} written, 0 unchanged\\)`));
    assert.deepEqual([...files.keys()].sort(), filesUnder(assetsDir));
  });

  it('points every month, every Pacific scene and a few optical and radar scenes at COGs, and the rest at placeholders', () => {
    const withFiles = (collection: string) =>
      items.filter(
        (item) => item.collection === collection && Object.values(item.assets as Record<string, JsonObject>).some((a) => String(a.href).startsWith('file:')),
      );
    assert.equal(withFiles('demo-climate-monthly').length, 24);
    assert.equal(withFiles('demo-pacific').length, 30);
    for (const collection of ['demo-optical', 'demo-sar']) {
      const n = withFiles(collection).length;
      assert.ok(n >= 1 && n <= 4, `${collection}: ${n}`);
    }
    for (const item of items) {
      for (const [key, asset] of Object.entries(item.assets as Record<string, JsonObject>)) {
        const href = String(asset.href);
        assert.ok(href.startsWith('file:') || href.startsWith('https://demo.pqe.invalid/'), href);
        if (key === 'thumbnail') assert.ok(href.startsWith('https://demo.pqe.invalid/'), href);
      }
    }
  });

  it('writes COGs with overviews that GDAL reads, in the CRS of proj:epsg, covering the footprint of every item that points at them', () => {
    for (const [path, users] of files) {
      const info = gdalinfo(path);
      assert.equal(info.metadata.IMAGE_STRUCTURE?.LAYOUT, 'COG', path);
      assert.equal(info.metadata.IMAGE_STRUCTURE?.COMPRESSION, 'DEFLATE', path);
      assert.ok((info.bands[0]?.overviews?.length ?? 0) >= 1, `${path} has overviews`);
      const epsg = epsgOf(info);
      const { upperLeft, lowerRight } = info.cornerCoordinates;
      for (const { item, asset } of users) {
        assert.equal((item.properties as JsonObject)['proj:epsg'], epsg, `${String(item.id)}: ${path}`);
        assert.deepEqual(asset['proj:shape'], [info.size[1], info.size[0]]);
        const [x0, dx, rx, y0, ry, dy] = info.geoTransform as [number, number, number, number, number, number];
        assert.deepEqual(asset['proj:transform'], [dx, rx, x0, ry, dy, y0]);
      }
      // One GDAL call for the footprints of all the items that share the file.
      for (const [x, y] of gdalTransform(
        epsg,
        users.flatMap(({ item }) => positions(item.geometry as JsonObject)),
      )) {
        const inside = (x as number) >= upperLeft[0] && (x as number) <= lowerRight[0] && (y as number) <= upperLeft[1] && (y as number) >= lowerRight[1];
        assert.ok(inside, `${x}, ${y} of a footprint is outside ${path} (${JSON.stringify(info.cornerCoordinates)})`);
      }
    }
  });

  it('writes data inside each footprint and nodata outside it', () => {
    for (const [path, users] of files) {
      if (!/demo-(optical|sar)\/.*\/(visual|vv)\.tif$/.test(path)) continue;
      const item = users[0]?.item as JsonObject;
      const ring = positions(item.geometry as JsonObject);
      const mean = [0, 1].map((axis) => ring.reduce((sum, p) => sum + (p[axis] as number), 0) / ring.length);
      const at = (lon: number, lat: number) =>
        execFileSync('gdallocationinfo', ['-valonly', '-b', '1', '-wgs84', path, String(lon), String(lat)], { encoding: 'utf8' }).trim();
      assert.notEqual(Number(at(mean[0] as number, mean[1] as number)), 0, `${path} has data in the middle of ${String(item.id)}`);
      const corner = execFileSync('gdallocationinfo', ['-valonly', '-b', '1', path, '0', '0'], { encoding: 'utf8' }).trim();
      assert.equal(Number(corner), 0, `${path}: the corner, outside the footprint, is nodata`);
    }
  });

  it('gives the land-cover COGs the palette that the render config names', () => {
    const option = (
      generateDemoCatalog().renderConfigs['demo-optical'] as { mosaic_info: { renderOptions: { name: string; options: string }[] } }
    ).mosaic_info.renderOptions.find((o) => o.name === 'Land cover');
    const colormap = JSON.parse(new URLSearchParams(option?.options).get('colormap') ?? '{}') as Record<string, string>;
    const landCover = [...files.keys()].filter((path) => path.endsWith('landcover.tif'));
    assert.ok(landCover.length >= 1);
    for (const path of landCover) {
      const entries = gdalinfo(path).bands[0]?.colorTable?.entries ?? [];
      for (const [value, color] of Object.entries(colormap)) {
        const [r, g, b] = entries[Number(value)] ?? [];
        assert.equal(`#${[r, g, b].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`, color, `class ${value} of ${path}`);
      }
    }
  });

  it('changes nothing when run again: the same bytes in the same files, the same items', async () => {
    const before = new Map(filesUnder(assetsDir).map((path) => [path, sha256(path)]));
    const again = await runPqe(['demo', '--data-dir', dataDir]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`\\(0 written, ${files.size} unchanged\\)`));
    assert.deepEqual(new Map(filesUnder(assetsDir).map((path) => [path, sha256(path)])), before);
    assert.deepEqual(await storedItems(dataDir), items);
  });

  it('refuses an assets folder it cannot make, saying which option to change', async () => {
    const file = join(dataDir, 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await runPqe(['demo', '--data-dir', dataDir, '--assets-dir', join(file, 'assets')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Cannot make the folder .* for the demo assets: .* is not a folder; choose another --assets-dir/);
  });
});
