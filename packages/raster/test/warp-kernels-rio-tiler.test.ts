// The average and mode warp kernels against rio-tiler 6.8 itself (`reproject_method`), on small GDAL-made COGs in
// UTM with overviews and nodata: tiles below, at and above native zoom, read through the render pipeline. Runs only
// where the reference venv (.venv at the repository root with rio-tiler 6.8.0 + rasterio 1.3.10) and GDAL exist.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BlockCache } from '../src/cache/block-cache.js';
import { openRaster } from '../src/render/raster-reader.js';
import { getTileMatrixSet } from '../src/tms/tile-matrix-sets.js';
import { readNpy } from './helpers/npy.js';
import { type Agreement, agreementWithNpy, referencePython, referenceSkip, Tally, writeAsciiCog, zoomClass } from './helpers/rio-tiler.js';

const skip = referenceSkip('the test rasters');

const SIZE = 600;

/**
 * The rasters: categorical bytes (mode's use) with a nodata disc, a noisy uint16 ramp and a float32 one, in UTM;
 * and a uint16 ramp in geographic coordinates at 60 degrees north, whose pixels shrink along x in web mercator so
 * that GDAL stretches the bilinear and cubic filters there (only those two kernels are compared on it).
 */
const RASTERS = [
  {
    name: 'classes',
    type: 'Byte',
    value: (x: number, y: number) => ((x - 300) ** 2 + (y - 250) ** 2 < 3600 ? 0 : (Math.floor(x / 7) + 2 * Math.floor(y / 5)) % 9),
  },
  { name: 'ramp', type: 'UInt16', value: (x: number, y: number) => (x < 40 && y < 100 ? 0 : 1000 + 3 * x + 2 * y + ((x * 7919 + y * 104729) % 51)) },
  { name: 'float', type: 'Float32', value: (x: number, y: number) => (y > 550 && x > 500 ? 0 : 0.25 * x - 0.125 * y + ((x * 31 + y * 17) % 13) / 8) },
  {
    name: 'north',
    type: 'UInt16',
    value: (x: number, y: number) => ((x - 200) ** 2 + (y - 400) ** 2 < 2500 ? 0 : 500 + 7 * x + 3 * y + ((x * 7919 + y * 104729) % 97)),
    srs: 'EPSG:4326',
    origin: [5, 59.2],
    cell: 0.002,
    methods: 'bilinear,cubic',
  },
] as const;

const ALL_METHODS = 'average,mode,bilinear,cubic';

// Writes each tile rio-tiler reads with each method, as .npy (data and mask), and a manifest of them.
const REFERENCE = `
import json, os, sys
import numpy as np
import morecantile
from rio_tiler.io import Reader
d = sys.argv[1]
tms = morecantile.tms.get("WebMercatorQuad")
tiles = []
for arg in sys.argv[2:]:
    name, methods = arg.split("=")
    methods = methods.split(",")
    with Reader(os.path.join(d, name + ".tif")) as r:
        w, s, e, n = r.geographic_bounds
        for z in range(r.minzoom - 1, r.maxzoom + 2):
            points = [((w + e) / 2, (s + n) / 2), (w + (e - w) * 0.1, n - (n - s) * 0.1)]
            for t in sorted({tms.tile(x, y, z) for x, y in points}):
                for method in methods:
                    img = r.tile(t.x, t.y, t.z, tilesize=256, reproject_method=method)
                    key = f"{name}-{method}-{t.z}-{t.x}-{t.y}"
                    np.save(os.path.join(d, key + ".npy"), img.data)
                    np.save(os.path.join(d, key + ".mask.npy"), img.mask)
                    tiles.append({"name": name, "key": key, "method": method, "z": t.z, "x": t.x, "y": t.y, "native": r.maxzoom})
json.dump(tiles, open(os.path.join(d, "manifest.json"), "w"))
`;

type Method = 'average' | 'mode' | 'bilinear' | 'cubic';

interface RefTile {
  name: string;
  key: string;
  method: Method;
  z: number;
  x: number;
  y: number;
  /** rio-tiler's maxzoom for the raster: the zoom of its native resolution. */
  native: number;
}

describe('the warp kernels agree with rio-tiler 6.8', { skip }, () => {
  let dir = '';
  let tiles: RefTile[] = [];
  const wmq = getTileMatrixSet('WebMercatorQuad');
  const blocks = new BlockCache(32 * 1024 * 1024);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pqe-kernels-ref-'));
    for (const r of RASTERS) writeAsciiCog(dir, r, SIZE);
    const args = RASTERS.map((r) => `${r.name}=${'methods' in r ? r.methods : ALL_METHODS}`);
    const run = spawnSync(referencePython, ['-c', REFERENCE, dir, ...args], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    tiles = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as RefTile[];
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function compare(t: RefTile): Promise<Agreement> {
    const reader = await openRaster(join(dir, `${t.name}.tif`), { caches: { blocks }, sourceOptions: { localRoots: [dir] } });
    const image = await reader.tile(wmq, t.z, t.x, t.y, { tilesize: 256, reproject: t.method });
    return agreementWithNpy(image, dir, t.key, t.name === 'float');
  }

  // Measured: 41 of the 42 tiles (zooms 7 to 11) equal to rio-tiler's value for value and mask for mask; in the
  // other (float32, average, below native zoom) one pixel of 65536 differs, by under 1e-5 relative (the order of
  // the float sums). So the test asks for 100 % of pixels within 1 DN (integers) or 1e-5 relative (float32), 100 %
  // of the mask equal, and 95 % of tiles bit for bit.
  it('renders every average and mode tile with all pixels within 1 DN and the same mask, nearly all bit for bit', async () => {
    const area = tiles.filter((t) => t.method === 'average' || t.method === 'mode');
    let exact = 0;
    for (const t of area) {
      const a = await compare(t);
      assert.ok(
        a.values === a.pixels && a.masks === a.pixels,
        `${t.key}: ${((100 * a.values) / a.pixels).toFixed(2)} % values, ${((100 * a.masks) / a.pixels).toFixed(2)} % mask`,
      );
      if (a.exact) exact++;
    }
    assert.ok(area.length >= 30, `only ${area.length} tiles`);
    assert.ok(exact >= 0.95 * area.length, `${exact} of ${area.length} tiles bit for bit`);
  });

  // Measured (58 tiles, zooms 7 to 12): at and above native zoom every pixel within 1 DN (1e-5 relative for float32)
  // with the same mask, 28 of 32 tiles bit for bit; below native zoom 99.998 % of pixels and of the mask (worst tile
  // 99.99 %), 20 of 26 tiles bit for bit. So the test asks, per method and zoom class, for 99.99 % of pixels within
  // 1 DN and 99.99 % of the mask equal, every tile at 99.9 % or more, and 75 % of the tiles bit for bit.
  it('renders bilinear and cubic tiles nearly as rio-tiler does below, at and above native zoom', async (ctx) => {
    const classes = new Map<string, Tally>();
    let exact = 0;
    let count = 0;
    for (const t of tiles) {
      if (t.method !== 'bilinear' && t.method !== 'cubic') continue;
      const key = `${t.method} ${zoomClass(t.z, t.native)} native zoom`;
      const c = classes.get(key) ?? new Tally();
      const a = await compare(t);
      assert.ok(a.values >= 0.999 * a.pixels && a.masks >= 0.999 * a.pixels, `${t.key}: ${a.values} values and ${a.masks} mask of ${a.pixels}`);
      c.add(a);
      count++;
      if (a.exact) exact++;
      classes.set(key, c);
    }
    assert.equal(classes.size, 6, 'tiles below, at and above native zoom for both methods');
    for (const [key, c] of classes) {
      const line = c.describe(key);
      ctx.diagnostic(line);
      assert.ok(c.values >= 0.9999 * c.pixels && c.masks >= 0.9999 * c.pixels, line);
    }
    assert.ok(exact >= 0.75 * count, `${exact} of ${count} tiles bit for bit`);
  });

  it('reads different pixels with average and with mode (the kernel is applied, not nearest)', () => {
    // A guard on the comparison itself: below native zoom rio-tiler's two methods differ on the noisy ramp.
    const below = tiles.filter((t) => t.name === 'ramp' && t.method === 'average' && t.z <= 9);
    assert.ok(below.length > 0);
    for (const t of below) {
      const avg = readNpy(join(dir, `${t.key}.npy`)).data;
      const mode = readNpy(join(dir, `${t.key.replace('-average-', '-mode-')}.npy`)).data;
      const mask = readNpy(join(dir, `${t.key}.mask.npy`)).data;
      let valid = 0;
      let differ = 0;
      for (let i = 0; i < avg.length; i++) {
        if (!mask[i]) continue;
        valid++;
        if (avg[i] !== mode[i]) differ++;
      }
      assert.ok(valid > 0 && differ > 0.5 * valid, `${t.key}: ${differ} of ${valid} valid pixels differ`);
    }
  });
});
