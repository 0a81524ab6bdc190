// The render pipeline against rio-tiler 6.8 itself, on one GDAL-made raster of each kind (JPEG YCbCr with a mask,
// uint16 deflate with nodata, float32 LZW with nodata, EPSG:4326 palette, band-interleaved, stripped, big-endian,
// alpha band): tiles below, at and above native zoom, previews, a part, points and statistics. Runs only where
// the reference venv (.venv at the repository root with rio-tiler 6.8.0 + rasterio 1.3.10) and GDAL exist.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BlockCache } from '../src/cache/block-cache.js';
import type { ImageData } from '../src/render/image-data.js';
import { openRaster, type RasterReader } from '../src/render/raster-reader.js';
import type { BandStatistics } from '../src/render/statistics.js';
import { getTileMatrixSet } from '../src/tms/tile-matrix-sets.js';
import { readNpy } from './helpers/npy.js';
import { referencePython, referenceSkip, repositoryRoot } from './helpers/rio-tiler.js';

const script = join(repositoryRoot, 'bench', 'tiles', 'reference_render.py');
const skip = referenceSkip('the reference rasters');

interface RefImage {
  name: string;
  width: number;
  height: number;
}
interface RefDataset {
  name: string;
  path: string;
  info: { bounds: number[]; minzoom: number; maxzoom: number; dtype: string; nodata_type: string; colorinterp: string[]; count: number };
  tiles: (RefImage & { z: number; x: number; y: number; size: number })[];
  previews: (RefImage & { max_size: number })[];
  parts: (RefImage & { bbox: [number, number, number, number]; max_size: number })[];
  points: { lon: number; lat: number; values?: (number | null)[]; error?: string }[];
  statistics: Record<string, Record<string, unknown>>;
}

/**
 * Share of pixels whose every band equals rio-tiler's, and of equal mask values. Every kind is compared exactly, the
 * JPEG raster too: its YCbCr blocks decode as the libjpeg 9 inside rasterio's wheels decodes them.
 */
function agreement(dir: string, ds: RefDataset, ref: RefImage, image: ImageData, validOnly = false): { values: number; mask: number } {
  assert.equal(`${image.width}x${image.height}`, `${ref.width}x${ref.height}`, `${ds.name} ${ref.name}: size`);
  const data = readNpy(join(dir, ds.name, `${ref.name}.npy`)).data;
  const mask = readNpy(join(dir, ds.name, `${ref.name}.mask.npy`)).data;
  const n = image.width * image.height;
  assert.equal(data.length, n * image.bands.length, `${ds.name} ${ref.name}: band count`);
  let values = 0;
  let masks = 0;
  for (let i = 0; i < n; i++) {
    if (image.mask[i] === mask[i]) masks++;
    let same = true;
    if (validOnly && mask[i] === 0) {
      values++;
      continue;
    }
    for (let b = 0; b < image.bands.length && same; b++) {
      const a = image.bands[b]?.[i] as number;
      const r = data[b * n + i] as number;
      same = a === r || (Number.isNaN(a) && Number.isNaN(r));
    }
    if (same) values++;
  }
  return { values: values / n, mask: masks / n };
}

describe('the render pipeline agrees with rio-tiler 6.8', { skip }, () => {
  let dir = '';
  let datasets: RefDataset[] = [];
  const readers = new Map<string, RasterReader>();
  const blocks = new BlockCache(64 * 1024 * 1024);
  const wmq = getTileMatrixSet('WebMercatorQuad');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pqe-render-ref-'));
    const run = spawnSync(referencePython, [script, dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    datasets = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { datasets: RefDataset[] }).datasets;
    for (const ds of datasets) readers.set(ds.name, await openRaster(ds.path, { caches: { blocks }, sourceOptions: { localRoots: [dir] } }));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the info rio-tiler gives: lon/lat bounds, zoom range, dtype, nodata type, colour interpretation', () => {
    for (const ds of datasets) {
      const info = (readers.get(ds.name) as RasterReader).info(wmq);
      assert.equal(info.minzoom, ds.info.minzoom, `${ds.name} minzoom`);
      assert.equal(info.maxzoom, ds.info.maxzoom, `${ds.name} maxzoom`);
      assert.equal(info.dtype, ds.info.dtype, ds.name);
      assert.equal(info.nodata_type, ds.info.nodata_type, ds.name);
      assert.deepEqual(info.colorinterp, ds.info.colorinterp, ds.name);
      for (const [i, v] of info.bounds.entries()) {
        assert.ok(Math.abs(v - (ds.info.bounds[i] as number)) < 1e-9, `${ds.name} bounds ${info.bounds} vs ${ds.info.bounds}`);
      }
    }
  });

  it('renders every tile with at least 99 % of values and mask equal, most bit for bit', async () => {
    let tiles = 0;
    let exact = 0;
    for (const ds of datasets) {
      const reader = readers.get(ds.name) as RasterReader;
      for (const t of ds.tiles) {
        const image = await reader.tile(wmq, t.z, t.x, t.y, { tilesize: t.size });
        const r = agreement(dir, ds, t, image);
        assert.ok(r.values >= 0.99 && r.mask >= 0.99, `${ds.name} ${t.name}: ${(100 * r.values).toFixed(2)} % values, ${(100 * r.mask).toFixed(2)} % mask`);
        tiles++;
        if (r.values === 1 && r.mask === 1) exact++;
      }
    }
    assert.ok(tiles >= 25, `only ${tiles} tiles`);
    assert.ok(exact >= tiles * 0.8, `${exact} of ${tiles} tiles bit for bit`);
  });

  // rio-tiler reads a preview in the raster's own CRS without a WarpedVRT, so the values under its mask are the
  // file's; ours are the nodata fill (0), as in its tiles. Only valid pixels' values are compared.
  it('renders previews and parts with the same size and at least 99 % of valid values and mask equal', async () => {
    for (const ds of datasets) {
      const reader = readers.get(ds.name) as RasterReader;
      for (const p of ds.previews) {
        const r = agreement(dir, ds, p, await reader.preview({ maxSize: p.max_size }), true);
        assert.ok(r.values >= 0.99 && r.mask >= 0.99, `${ds.name} ${p.name}: ${(100 * r.values).toFixed(2)} % values, ${(100 * r.mask).toFixed(2)} % mask`);
      }
      for (const p of ds.parts) {
        const r = agreement(dir, ds, p, await reader.part(p.bbox, { maxSize: p.max_size }), true);
        assert.ok(r.values >= 0.99 && r.mask >= 0.99, `${ds.name} ${p.name}: ${(100 * r.values).toFixed(2)} % values, ${(100 * r.mask).toFixed(2)} % mask`);
      }
    }
  });

  it('reads points as rio-tiler does: the same values, null where masked, NotFound outside', async () => {
    for (const ds of datasets) {
      const reader = readers.get(ds.name) as RasterReader;
      for (const p of ds.points) {
        if (p.error) {
          await assert.rejects(reader.point(p.lon, p.lat), { code: 'NotFound', message: 'Point is outside dataset bounds' });
          continue;
        }
        const got = await reader.point(p.lon, p.lat);
        assert.equal(got.values.length, p.values?.length, ds.name);
        got.values.forEach((v, i) => {
          const want = p.values?.[i] ?? null;
          assert.ok(v === want, `${ds.name} point ${p.lon},${p.lat}: ${got.values} vs ${p.values}`);
        });
      }
    }
  });

  it('computes the statistics of the preview as rio-tiler does', async () => {
    const close = (a: unknown, b: unknown, what: string) => {
      if (b === 'nan') return assert.ok(Number.isNaN(a), what);
      if (Array.isArray(b)) {
        assert.ok(Array.isArray(a) && a.length === b.length, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        for (const [i, v] of b.entries()) close((a as unknown[])[i], v, `${what}[${i}]`);
        return;
      }
      const x = a as number;
      const y = b as number;
      assert.ok(Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y)), `${what}: ${x} vs ${y}`);
    };
    for (const ds of datasets) {
      const ours = await (readers.get(ds.name) as RasterReader).statistics();
      assert.deepEqual(Object.keys(ours), Object.keys(ds.statistics), ds.name);
      for (const [band, ref] of Object.entries(ds.statistics)) {
        const s = ours[band] as BandStatistics;
        for (const [key, value] of Object.entries(ref)) close((s as unknown as Record<string, unknown>)[key], value, `${ds.name} ${band} ${key}`);
      }
    }
  });
});
