// RasterIO resampling (`resampling` bilinear and cubic: the output made from the warped grid's level) against
// rio-tiler 6.8 itself, with the warp kernel (`reproject`) nearest and equal to it, on small GDAL-made COGs in UTM
// with overviews and nodata (Byte, UInt16, Float32): tiles from one zoom below rio-tiler's minzoom to one above
// its maxzoom, read through the render pipeline. Runs only where the reference venv (.venv at the repository root
// with rio-tiler 6.8.0 + rasterio 1.3.10) and GDAL exist.
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

const SIZE = 500;

/**
 * Nodata 0 everywhere: a byte texture whose values go down to 1 (so that cubic's overshoot reaches the nodata
 * value, which GDAL then moves off), a noisy uint16 ramp and a float32 one, each with a hole of nodata.
 */
const RASTERS = [
  {
    name: 'bytes',
    type: 'Byte',
    value: (x: number, y: number) => ((x - 250) ** 2 + (y - 200) ** 2 < 2500 ? 0 : 1 + ((x * 13 + y * 7 + ((x * y) % 11) * 9) % 60)),
  },
  { name: 'ramp', type: 'UInt16', value: (x: number, y: number) => (x < 40 && y < 100 ? 0 : 1000 + 3 * x + 2 * y + ((x * 7919 + y * 104729) % 51)) },
  { name: 'float', type: 'Float32', value: (x: number, y: number) => (y > 450 && x > 400 ? 0 : 0.25 * x - 0.125 * y + ((x * 31 + y * 17) % 13) / 8) },
] as const;

/** `resampling`/`reproject` pairs compared. */
const PAIRS = ['bilinear/nearest', 'cubic/nearest', 'bilinear/bilinear', 'cubic/cubic'] as const;

// Writes each tile rio-tiler reads with each pair, as .npy (data and mask), and a manifest of them.
const REFERENCE = `
import json, os, sys
import numpy as np
import morecantile
from rio_tiler.io import Reader
d = sys.argv[1]
pairs = [p.split("/") for p in sys.argv[2].split(",")]
tms = morecantile.tms.get("WebMercatorQuad")
tiles = []
for name in sys.argv[3:]:
    with Reader(os.path.join(d, name + ".tif")) as r:
        w, s, e, n = r.geographic_bounds
        for z in range(r.minzoom - 1, r.maxzoom + 2):
            points = [((w + e) / 2, (s + n) / 2), (w + (e - w) * 0.1, n - (n - s) * 0.1)]
            for t in sorted({tms.tile(x, y, z) for x, y in points}):
                for res, rep in pairs:
                    img = r.tile(t.x, t.y, t.z, tilesize=256, resampling_method=res, reproject_method=rep)
                    key = f"{name}-{res}-{rep}-{t.z}-{t.x}-{t.y}"
                    np.save(os.path.join(d, key + ".npy"), img.data)
                    np.save(os.path.join(d, key + ".mask.npy"), img.mask)
                    tiles.append({"name": name, "key": key, "resampling": res, "reproject": rep, "z": t.z, "x": t.x, "y": t.y, "native": r.maxzoom})
json.dump(tiles, open(os.path.join(d, "manifest.json"), "w"))
`;

type Method = 'bilinear' | 'cubic';

interface RefTile {
  name: string;
  key: string;
  resampling: Method;
  reproject: 'nearest' | Method;
  z: number;
  x: number;
  y: number;
  /** rio-tiler's maxzoom for the raster: the zoom of its native resolution. */
  native: number;
}

describe('RasterIO bilinear and cubic resampling agrees with rio-tiler 6.8', { skip }, () => {
  let dir = '';
  let tiles: RefTile[] = [];
  const wmq = getTileMatrixSet('WebMercatorQuad');
  const blocks = new BlockCache(32 * 1024 * 1024);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pqe-resampling-ref-'));
    for (const r of RASTERS) writeAsciiCog(dir, r, SIZE);
    const run = spawnSync(referencePython, ['-c', REFERENCE, dir, PAIRS.join(','), ...RASTERS.map((r) => r.name)], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    tiles = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as RefTile[];
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function compare(t: RefTile): Promise<Agreement> {
    const reader = await openRaster(join(dir, `${t.name}.tif`), { caches: { blocks }, sourceOptions: { localRoots: [dir] } });
    const image = await reader.tile(wmq, t.z, t.x, t.y, { tilesize: 256, resampling: t.resampling, reproject: t.reproject });
    return agreementWithNpy(image, dir, t.key, t.name === 'float');
  }

  // Measured (84 tiles, zooms 7 to 11, 4 pairs x 3 rasters), per zoom class against the same tiles decimated with
  // nearest (before this resampling existed):
  //   below native: 99.989 % of pixels within 1 DN (was 84.6 %), 99.994 % of the mask (was 99.82 %), worst tile
  //     99.94 %, 13 of 36 tiles bit for bit (was 0);
  //   at native: 100 % and 100 % (was 52.3 % and 99.65 %), 23 of 24 bit for bit (was 0);
  //   above native (reads 1:1, no resampling): 99.996 % and 99.996 %, worst 99.988 %, 15 of 24 bit for bit.
  // The rest lies on the raster's edge, where the warped grid's pixels that nearest never picks differ in validity
  // (the first stage's approximate transform), and float32 sums that differ in the last bit.
  const LIMITS: Record<string, { values: number; masks: number; worst: number; exact: number }> = {
    below: { values: 0.9998, masks: 0.9998, worst: 0.999, exact: 0.3 },
    at: { values: 1, masks: 1, worst: 1, exact: 0.9 },
    above: { values: 0.9999, masks: 0.9999, worst: 0.9995, exact: 0.55 },
  };

  it('renders bilinear and cubic tiles as rio-tiler does below, at and above native zoom', async (ctx) => {
    const classes = new Map<string, Tally>();
    for (const t of tiles) {
      const zoom = zoomClass(t.z, t.native);
      const c = classes.get(zoom) ?? new Tally();
      c.add(await compare(t));
      classes.set(zoom, c);
    }
    assert.equal(classes.size, 3, 'tiles below, at and above native zoom');
    for (const [zoom, c] of classes) {
      const limit = LIMITS[zoom];
      assert.ok(limit, zoom);
      const line = c.describe(`${zoom} native zoom`);
      ctx.diagnostic(line);
      assert.ok(c.values >= limit.values * c.pixels && c.masks >= limit.masks * c.pixels && c.worst >= limit.worst, line);
      assert.ok(c.exact >= limit.exact * c.tiles, line);
    }
  });

  it('reads different pixels with bilinear and with cubic resampling (the filter is applied)', () => {
    // A guard on the comparison itself: at native zoom rio-tiler's bilinear and cubic tiles differ from each other
    // on most valid pixels of the noisy byte texture, so agreeing with both means the filters are told apart.
    const at = tiles.filter((t) => t.name === 'bytes' && t.resampling === 'bilinear' && t.reproject === 'nearest' && t.z === t.native);
    assert.ok(at.length > 0);
    for (const t of at) {
      const bilinear = readNpy(join(dir, `${t.key}.npy`)).data;
      const cubic = readNpy(join(dir, `${t.key.replace('-bilinear-', '-cubic-')}.npy`)).data;
      const mask = readNpy(join(dir, `${t.key}.mask.npy`)).data;
      let valid = 0;
      let differ = 0;
      for (let i = 0; i < bilinear.length; i++) {
        if (!mask[i]) continue;
        valid++;
        if (bilinear[i] !== cubic[i]) differ++;
      }
      assert.ok(valid > 0 && differ > 0.3 * valid, `${t.key}: ${differ} of ${valid} valid pixels differ`);
    }
  });
});
