// The average and mode warp kernels on cases computed by hand: a 2x downsampling of a 4x4 source in its own CRS
// (each warped pixel's footprint is one 2x2 block), footprints that cut pixels, masked contributors and ties.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { transformer } from '../src/crs/transformer.js';
import type { Crs } from '../src/types.js';
import { averageKernel, modeKernel } from '../src/warp/area-kernels.js';
import { bilinearKernel } from '../src/warp/interpolation-kernels.js';
import { KERNEL_RADIUS, kernelFor, type SourceBlock } from '../src/warp/kernels.js';
import { warpLevel } from '../src/warp/warp-level.js';
import { warpToTile } from '../src/warp/warp-to-tile.js';
import { levelTransform, warpedLevels } from '../src/warp/warped-levels.js';
import { arraySource } from './helpers/array-source.js';

const UTM31: Crs = { id: 'EPSG:32631', proj4: '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs', geographic: false };

// The 4x4 source, row by row; its 2x2 blocks are [1 2 5 6], [3 4 7 8], [9 9 9 1], [7 7 2 2].
// biome-ignore format: a 4x4 grid reads best as rows
const SOURCE = [
  1, 2, 3, 4,
  5, 6, 7, 8,
  9, 9, 7, 7,
  9, 1, 2, 2,
];

/** The 4x4 source (10 m pixels) warped into a 2x2 grid over the same extent (20 m pixels) with `method`. */
async function downsample(method: 'average' | 'mode', valid?: number[]) {
  const source = arraySource({
    crs: UTM31,
    geotransform: [500000, 10, 0, 4000040, 0, -10],
    sampleType: 'uint16',
    levels: [{ width: 4, height: 4, bands: [Uint16Array.from(SOURCE)], ...(valid ? { valid: Uint8Array.from(valid) } : {}) }],
  });
  const [level] = warpedLevels(2, 2, [500000, 20, 0, 4000040, 0, -20], source.geotransform, source.levels);
  assert.ok(level);
  // The same CRS on both sides: the identity, as GDAL (a reprojection through proj4 would shift the footprints by
  // rounding errors, enough to bring a neighbour's row into a mode count).
  const t = transformer(UTM31, UTM31);
  const transform = levelTransform(level, (x, y) => t.inverse(x, y));
  const kernel = kernelFor(method);
  return warpLevel(source, level, transform, Int32Array.of(0, 1), Int32Array.of(0, 1), kernel, KERNEL_RADIUS[method]);
}

describe('the average kernel', () => {
  it('gives the mean of each 2x2 block when halving the resolution', async () => {
    const out = await downsample('average');
    // (1+2+5+6)/4, (3+4+7+8)/4, (9+9+9+1)/4, (7+7+2+2)/4
    assert.deepEqual(Array.from(out.bands[0] ?? []), [3.5, 5.5, 7, 4.5]);
    assert.deepEqual(Array.from(out.valid), [255, 255, 255, 255]);
  });

  it('leaves masked contributors out and masks a block with none valid', async () => {
    // biome-ignore format: a 4x4 grid reads best as rows
    const valid = [
      0, 255, 0, 0,
      255, 255, 0, 0,
      255, 255, 255, 255,
      0, 255, 255, 0,
    ];
    const out = await downsample('average', valid);
    // (2+5+6)/3; none; (9+9+1)/3; (7+7+2)/3
    const v = Array.from(out.bands[0] ?? []);
    assert.equal(v[0], 13 / 3);
    assert.equal(v[2], 19 / 3);
    assert.equal(v[3], 16 / 3);
    assert.deepEqual(Array.from(out.valid), [255, 0, 255, 255]);
  });

  it('weights the pixels a footprint cuts by the share it covers', () => {
    // A 3x1 row 10, 20, 40; footprint x 0.5..2.5, y 0..1: half of 10, all of 20, half of 40.
    const block: SourceBlock = { x: 0, y: 0, w: 3, h: 1, bands: [Float32Array.of(10, 20, 40)], valid: Uint8Array.of(255, 255, 255) };
    const out = new Float64Array(1);
    assert.equal(averageKernel(block, 0.5, 0, 2.5, 1, out), true);
    assert.equal(out[0], (0.5 * 10 + 20 + 0.5 * 40) / 2);
    // Corners in either order (an axis flipped by the transform) give the same footprint.
    assert.equal(averageKernel(block, 2.5, 1, 0.5, 0, out), true);
    assert.equal(out[0], 22.5);
    // A footprint outside the block has no data.
    assert.equal(averageKernel(block, 3.5, 0, 4.5, 1, out), false);
  });
});

describe('the mode kernel', () => {
  it('gives the most frequent value of each 2x2 block, the first to lead on a tie', async () => {
    const out = await downsample('mode');
    // [1 2 5 6]: all once, 1 is seen first; [3 4 7 8]: 3; [9 9 9 1]: 9; [7 7 2 2]: 7 and 2 twice, 7 got there first
    // (not the smaller value: gdalwarp -r mode of this source to 20 m pixels gives 1 3 / 9 7 too).
    assert.deepEqual(Array.from(out.bands[0] ?? []), [1, 3, 9, 7]);
    assert.deepEqual(Array.from(out.valid), [255, 255, 255, 255]);
  });

  it('leaves masked contributors out and masks a block with none valid', async () => {
    // biome-ignore format: a 4x4 grid reads best as rows
    const valid = [
      255, 255, 0, 0,
      0, 255, 0, 0,
      0, 0, 255, 255,
      255, 255, 0, 0,
    ];
    const out = await downsample('mode', valid);
    // [1 2 . 6]: 1 first; none; [. . 9 1]: 9 first; [7 7 . .]: 7.
    const v = Array.from(out.bands[0] ?? []);
    assert.deepEqual([v[0], v[2], v[3]], [1, 9, 7]);
    assert.deepEqual(Array.from(out.valid), [255, 0, 255, 255]);
  });

  it('counts each band on its own and compares float values as float32', () => {
    // Band 0: 0.1 (float64) and 0.1 stored as float32 are one value; band 1: 5 twice beats 3 first.
    const block: SourceBlock = {
      x: 0,
      y: 0,
      w: 3,
      h: 1,
      bands: [Float64Array.of(0.1, Math.fround(0.1), 0.3), Float64Array.of(3, 5, 5)],
      valid: Uint8Array.of(255, 255, 255),
    };
    const out = new Float64Array(2);
    assert.equal(modeKernel(block, 0, 0, 3, 1, out), true);
    assert.deepEqual(Array.from(out), [Math.fround(0.1), 5]);
  });
});

describe('warpToTile and the area kernels', () => {
  it('accepts average and mode for reproject, not for resampling', async () => {
    const source = arraySource({
      crs: UTM31,
      geotransform: [500000, 10, 0, 4000040, 0, -10],
      sampleType: 'uint16',
      levels: [{ width: 4, height: 4, bands: [Uint16Array.from(SOURCE)] }],
    });
    const req = { source, dstCrs: UTM31, dstBounds: [500000, 4000000, 500040, 4000040] as const, width: 4, height: 4, transformer: transformer(UTM31, UTM31) };
    // At native resolution each footprint is one source pixel: the source itself.
    for (const reproject of ['average', 'mode'] as const) {
      const out = await warpToTile({ ...req, reproject });
      assert.deepEqual(Array.from(out.bands[0] ?? []), SOURCE);
    }
    await assert.rejects(warpToTile({ ...req, resampling: 'average' as 'nearest' }), (e: unknown) => e instanceof AppError && /resampling/.test(e.message));
  });
});

describe('the bilinear kernel', () => {
  // A 4x4 window whose rows are all 10, 20, 40, 80; the point (2, 2) lies halfway between the centres of columns 1
  // and 2 (1.5 and 2.5) and of rows 1 and 2.
  function window(valid?: number[]): SourceBlock {
    const row = [10, 20, 40, 80];
    return {
      x: 0,
      y: 0,
      w: 4,
      h: 4,
      bands: [Float32Array.from([...row, ...row, ...row, ...row])],
      valid: Uint8Array.from(valid ?? new Array(16).fill(255)),
    };
  }
  const out = new Float64Array(1);

  it('interpolates the 2x2 pixels around the point at a scale of 1', () => {
    const block = { ...window(), kernel: { xScale: 1, yScale: 1, xRadius: 1, yRadius: 1, masked: true } };
    assert.equal(bilinearKernel(block, 2, 2, out), true);
    assert.equal(out[0], (20 + 40) / 2);
  });

  it('stretches the filter by 1/scale when the chunk halves the resolution along x', () => {
    // Scale 0.5: radius 2, weights 1 - |(i - 0.5) * 0.5| for i = -1..2 are 0.25, 0.75, 0.75, 0.25 (sum 2).
    const block = { ...window(), kernel: { xScale: 0.5, yScale: 1, xRadius: 2, yRadius: 1, masked: true } };
    assert.equal(bilinearKernel(block, 2, 2, out), true);
    assert.equal(out[0], (0.25 * 10 + 0.75 * 20 + 0.75 * 40 + 0.25 * 80) / 2);
    // Without a mask the same weights, normalised by the column sum times the row sum.
    const plain = { ...block, kernel: { ...block.kernel, masked: false } };
    assert.equal(bilinearKernel(plain, 2, 2, out), true);
    assert.equal(out[0], 33.75);
  });

  it('leaves invalid taps out, and has no data where the pixel under the point is invalid', () => {
    const valid = new Array(16).fill(255);
    for (const k of [3, 7, 11, 15]) valid[k] = 0;
    const block = { ...window(valid), kernel: { xScale: 0.5, yScale: 1, xRadius: 2, yRadius: 1, masked: true } };
    assert.equal(bilinearKernel(block, 2, 2, out), true);
    assert.equal(out[0], (0.25 * 10 + 0.75 * 20 + 0.75 * 40) / 1.75);
    // The point (3.5, 2) falls in column 3, invalid.
    assert.equal(bilinearKernel(block, 3.5, 2, out), false);
  });
});
