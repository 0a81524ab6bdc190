// GDAL's RasterIO convolution (rasterio-resample.ts) on hand-computed cases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integerWindow } from '../src/warp/overview-choice.js';
import { convolveChunk, nodataReplacement, RESAMPLE_FILTERS, resampleAxis, resampleChunks, toBandValue } from '../src/warp/rasterio-resample.js';

const BYTE = { integer: true, min: 0, max: 255 };

/** A 4 x 1 level read into 2 x 1 pixels with bilinear: the filter stretched to radius 2, weights by hand. */
function halve(values: number[], mask?: number[], nodata?: number): { out: Float64Array; valid: Uint8Array } {
  const window = integerWindow(0, 0, 4, 1);
  const x = resampleAxis(0, 4, 0, 2, 4);
  const y = resampleAxis(0, 1, 0, 1, 1);
  const [chunk] = resampleChunks(x, y, 2, 1, window, 4, 1);
  assert.ok(chunk);
  const out = new Float64Array(2);
  const valid = new Uint8Array(2);
  const target = { ...BYTE, nodata };
  convolveChunk(chunk, x, y, RESAMPLE_FILTERS.bilinear, target, Float64Array.from(values), mask ? Uint8Array.from(mask) : undefined, out, valid, 2);
  return { out, valid };
}

describe('RasterIO resampling', () => {
  it('cuts one chunk with a margin of the radius times the rounded ratio, clipped to the level', () => {
    const x = resampleAxis(10, 100, 10, 40, 200);
    assert.equal(x.ratio, 2.5);
    assert.equal(x.factor, 3);
    const y = resampleAxis(0, 50, 0, 20, 50);
    const chunks = resampleChunks(x, y, 40, 20, integerWindow(10, 0, 100, 50), 200, 2);
    // x: 10 + 0 ... 10 + 1 + ceil(40 * 2.5) = 111, minus and plus 2 * 3; y: 0 ... 51 clipped to 50.
    assert.deepEqual(chunks, [{ x0: 0, x1: 40, y0: 0, y1: 20, readX: 4, readW: 113, readY: 0, readH: 50 }]);
  });

  it('places a window on whole output pixels as part of the whole level, and keeps a fractional one as it is', () => {
    const aligned = resampleAxis(6, 12, 6, 6, 100);
    assert.deepEqual([aligned.base, aligned.shift, aligned.delta], [0, 3, 0]);
    const fractional = resampleAxis(6.5, 12, 6, 6, 100);
    assert.deepEqual([fractional.base, fractional.shift, fractional.delta], [6, 0, 0.5]);
  });

  it('halves a row with the stretched triangle filter', () => {
    // Output pixel 0 centres on level x = 1; taps 0..2 at distances (n - 1 + 0.5) / 2 = -0.25, 0.25, 0.75 weigh
    // 0.75, 0.75, 0.25: (0 * 0.75 + 10 * 0.75 + 20 * 0.25) / 1.75 = 7.14. Pixel 1 centres on 3: taps 1..3 weigh
    // 0.25, 0.75, 0.75 (taps 4 and 5 are past the level): (10 * 0.25 + 20 * 0.75 + 30 * 0.75) / 1.75 = 22.86.
    const { out, valid } = halve([0, 10, 20, 30]);
    assert.ok(Math.abs((out[0] as number) - 12.5 / 1.75) < 1e-6);
    assert.ok(Math.abs((out[1] as number) - 40 / 1.75) < 1e-5);
    assert.deepEqual(Array.from(valid), [255, 255]);
    assert.equal(toBandValue(BYTE, out[0] as number), 7);
  });

  it('leaves invalid pixels out and moves a result off nodata', () => {
    // Tap 1 invalid: (0 * 0.75 + 20 * 0.25) / 1.0 = 5 for pixel 0; with nodata 5 it becomes 6.
    const { out } = halve([0, 10, 20, 30], [255, 0, 255, 255]);
    assert.ok(Math.abs((out[0] as number) - 5) < 1e-6);
    const moved = halve([0, 10, 20, 30], [255, 0, 255, 255], 5);
    assert.equal(moved.out[0], 6);
    assert.equal(nodataReplacement(BYTE, 255), 254);
    // No valid tap at all: nodata, invalid.
    const none = halve([0, 0, 20, 30], [0, 0, 0, 255], 0);
    assert.equal(none.valid[0], 0);
    assert.equal(none.out[0], 0);
  });
});
