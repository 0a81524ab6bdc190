// What the comparisons with rio-tiler 6.8 share: where the reference venv is and why a comparison skips, small
// GDAL-made COGs from a pixel function, and how a tile compares with rio-tiler's npy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageData } from '../../src/render/image-data.js';
import { readNpy } from './npy.js';

/** The repository root. */
export const repositoryRoot = new URL('../../../../../', import.meta.url).pathname;

/** The reference venv's Python (.venv at the repository root, with rio-tiler 6.8.0 + rasterio 1.3.10). */
export const referencePython = join(repositoryRoot, '.venv', 'bin', 'python');

/** Why a comparison with rio-tiler cannot run here (`what` names what GDAL would have made), or false. */
export function referenceSkip(what: string): string | false {
  if (!existsSync(referencePython)) return 'no reference venv (.venv with rio-tiler 6.8.0 + rasterio 1.3.10): rio-tiler comparison skipped';
  if (spawnSync('gdal_translate', ['--version']).status !== 0) return `gdal_translate not installed: cannot make ${what}`;
  return false;
}

export interface AsciiRaster {
  name: string;
  /** GDAL's type name: Byte, UInt16, Float32... */
  type: string;
  value: (x: number, y: number) => number;
  /** Default EPSG:32631 (UTM 31N). */
  srs?: string;
  /** Lower-left corner; default 450000, 4800000. */
  origin?: readonly [number, number];
  /** Default 90 (m). */
  cell?: number;
}

/** A `size` x `size` COG of `raster` in `dir` (nodata 0, deflate, 256 px blocks; the COG driver adds overviews). */
export function writeAsciiCog(dir: string, raster: AsciiRaster, size: number): void {
  const [x0, y0] = raster.origin ?? [450000, 4800000];
  const lines = [`ncols ${size}`, `nrows ${size}`, `xllcorner ${x0}`, `yllcorner ${y0}`, `cellsize ${raster.cell ?? 90}`, 'NODATA_value 0'];
  for (let y = 0; y < size; y++) lines.push(Array.from({ length: size }, (_, x) => String(raster.value(x, y))).join(' '));
  const asc = join(dir, `${raster.name}.asc`);
  writeFileSync(asc, `${lines.join('\n')}\n`);
  const srs = raster.srs ?? 'EPSG:32631';
  const args = ['-q', '-of', 'COG', '-ot', raster.type, '-a_srs', srs, '-co', 'BLOCKSIZE=256', '-co', 'COMPRESS=DEFLATE', asc, join(dir, `${raster.name}.tif`)];
  const run = spawnSync('gdal_translate', args, { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

/** How one of our one-band tiles compares with rio-tiler's: pixels within 1 DN (1e-5 relative for float), mask, exact. */
export interface Agreement {
  pixels: number;
  values: number;
  masks: number;
  exact: boolean;
}

/** Compares `image` with rio-tiler's `<key>.npy` and `<key>.mask.npy` in `dir`. */
export function agreementWithNpy(image: ImageData, dir: string, key: string, float: boolean): Agreement {
  const data = readNpy(join(dir, `${key}.npy`)).data;
  const mask = readNpy(join(dir, `${key}.mask.npy`)).data;
  const n = image.width * image.height;
  assert.equal(data.length, n, `${key}: size`);
  const band = image.bands[0];
  assert.ok(band, key);
  let values = 0;
  let masks = 0;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const a = band[i] as number;
    const b = data[i] as number;
    if (image.mask[i] === mask[i]) masks++;
    if (a === b) same++;
    const tol = float ? 1e-5 * Math.max(1, Math.abs(b)) : 1;
    if (Math.abs(a - b) <= tol) values++;
  }
  return { pixels: n, values, masks, exact: same === n && masks === n };
}

/** Where a tile's zoom lies against the raster's native zoom (rio-tiler's maxzoom). */
export function zoomClass(z: number, native: number): 'below' | 'at' | 'above' {
  return z < native ? 'below' : z === native ? 'at' : 'above';
}

/** The agreements of a class of tiles added up: pixels, values and masks within tolerance, the worst tile, exact tiles. */
export class Tally {
  pixels = 0;
  values = 0;
  masks = 0;
  exact = 0;
  tiles = 0;
  worst = 1;

  add(a: Agreement): void {
    this.pixels += a.pixels;
    this.values += a.values;
    this.masks += a.masks;
    this.tiles++;
    this.worst = Math.min(this.worst, a.values / a.pixels, a.masks / a.pixels);
    if (a.exact) this.exact++;
  }

  /** A line for the test's diagnostics and failure messages. */
  describe(label: string): string {
    const pct = (n: number) => `${((100 * n) / this.pixels).toFixed(4)} %`;
    return `${label}: ${this.tiles} tiles, ${pct(this.values)} values, ${pct(this.masks)} mask, worst tile ${(100 * this.worst).toFixed(3)} %, ${this.exact} bit for bit`;
  }
}
