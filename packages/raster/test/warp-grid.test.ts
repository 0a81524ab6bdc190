// The warper's arithmetic, against hand computations of GDAL's and rio-tiler's rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPROX_MAX_ERROR, approxTransformRow, type PointsTransform } from '../src/warp/approx-transformer.js';
import { nearestIndexes } from '../src/warp/decimate.js';
import { invertGeoTransform } from '../src/warp/geotransform.js';
import { chooseOverview, integerWindow } from '../src/warp/overview-choice.js';
import { suggestedResolution } from '../src/warp/suggested-resolution.js';
import { applyBuffer, roundHalfEven, sizeForMaxSize, vrtGrid } from '../src/warp/vrt-grid.js';

describe('rio-tiler sizing rules', () => {
  it('rounds halves to even as Python does', () => {
    const cases: [number, number][] = [
      [0.5, 0],
      [1.5, 2],
      [2.5, 2],
      [-0.5, -0],
      [-1.5, -2],
      [256.49, 256],
      [256.5, 256],
      [257.5, 258],
    ];
    for (const [v, want] of cases) assert.equal(roundHalfEven(v), want, `round(${v})`);
  });

  it('sizes previews to max_size keeping the aspect ratio (ceil of the short side)', () => {
    assert.deepEqual(sizeForMaxSize(1024, 2000, 1000), { width: 1024, height: 512 });
    assert.deepEqual(sizeForMaxSize(1024, 3000, 1000), { width: 1024, height: 342 }); // 1024 / 3 = 341.33
    assert.deepEqual(sizeForMaxSize(1024, 1000, 3000), { width: 342, height: 1024 });
    assert.deepEqual(sizeForMaxSize(1024, 800, 600), { width: 800, height: 600 });
  });

  it('grows bounds by buffer output pixels and the size by twice the buffer, truncated', () => {
    const b = applyBuffer(0.5, [0, 0, 256, 512], 256, 256);
    assert.deepEqual(b.bounds, [-0.5, -1, 256.5, 513]);
    assert.equal(b.width, 257);
    assert.equal(b.height, 257);
    assert.equal(applyBuffer(1, [0, 0, 256, 256], 256, 256).width, 258);
  });

  it('keeps the source resolution below native zoom and the output resolution above it', () => {
    // A 10 km tile of a 10 m source: 1000 px grid (output pixels are coarser); a 1 km tile: the 256 px output is finer.
    assert.equal(vrtGrid([0, 0, 10000, 10000], [10, 10], 256, 256).width, 1000);
    assert.equal(vrtGrid([0, 0, 1000, 1000], [10, 10], 256, 256).width, 256);
    const g = vrtGrid([0, 0, 1000, 1000], [3, 3], 256, 256);
    assert.equal(g.width, 333); // round(333.33)
    assert.deepEqual(g.bounds, [0, 1000 - (1000 / 333) * 333, (1000 / 333) * 333, 1000]);
  });

  it('suggests the source pixel size for an identity transform', () => {
    const [rx, ry] = suggestedResolution(
      [100, 30, 0, 500, 0, -30],
      40,
      20,
      (x, y) => [x, y],
      (x, y) => [x, y],
    );
    assert.ok(Math.abs(rx - 30) < 1e-9 && Math.abs(ry - 30) < 1e-9, `${rx} ${ry}`);
  });

  it('inverts a north-up geotransform without a determinant', () => {
    assert.deepEqual(invertGeoTransform([100, 2, 0, 50, 0, -4]), [-50, 0.5, 0, 12.5, 0, -0.25]);
  });
});

describe("GDAL's overview choice (oversampling threshold 1.2)", () => {
  const overviews = [
    { width: 500, height: 500 },
    { width: 250, height: 250 },
    { width: 125, height: 125 },
  ];
  it('reads full resolution when not down-sampling', () => {
    assert.equal(chooseOverview(1000, 1000, overviews, integerWindow(0, 0, 256, 256), 256, 256).index, -1);
  });
  it('takes the coarsest overview no more than 1.2 times coarser than asked', () => {
    // 1000 px into 256: 3.9 per pixel; overview factors 2, 4 (4 < 3.9 * 1.2 = 4.69), 8 (too coarse).
    const c = chooseOverview(1000, 1000, overviews, integerWindow(0, 0, 1000, 1000), 256, 256);
    assert.equal(c.index, 1);
    assert.deepEqual([c.window.xOff, c.window.xSize, c.window.dfXSize], [0, 250, 250]);
    // 1000 into 300: 3.33 per pixel, 4 > 3.33 * 1.2 = 4.0: factor 2.
    assert.equal(chooseOverview(1000, 1000, overviews, integerWindow(0, 0, 1000, 1000), 300, 300).index, 0);
  });
  it('maps a padded window into the overview, rounding the integer window and keeping fractions', () => {
    const c = chooseOverview(1006, 1006, [{ width: 503, height: 503 }], integerWindow(3, 3, 1000, 1000), 256, 256);
    assert.equal(c.index, 0);
    assert.deepEqual([c.window.xOff, c.window.xSize, c.window.dfXOff, c.window.dfXSize], [2, 500, 1.5, 500]);
  });
});

describe("GDAL's nearest decimation", () => {
  it('maps one to one when sizes are equal', () => {
    assert.deepEqual(Array.from(nearestIndexes(0, 4, 4, 4)), [0, 1, 2, 3]);
  });
  it('takes the pixel under each output centre, with a half pixel going to the next one', () => {
    // 2:1 - centres at 1, 3, 5, 7; 3:2 - centres at 0.75, 2.25.
    assert.deepEqual(Array.from(nearestIndexes(0, 8, 4, 8)), [1, 3, 5, 7]);
    assert.deepEqual(Array.from(nearestIndexes(0, 3, 2, 3)), [0, 2]);
    // A window offset by 1.5: centres at 1.5 + 1 = 2.5 and 4.5.
    assert.deepEqual(Array.from(nearestIndexes(1.5, 4, 2, 10)), [2, 4]);
  });
  it('clamps to the raster', () => {
    assert.deepEqual(Array.from(nearestIndexes(-2, 4, 4, 10)), [0, 0, 0, 1]);
  });
});

describe("GDAL's approximate transformer", () => {
  const run = (exact: PointsTransform, n: number, y: number, maxError = APPROX_MAX_ERROR) => {
    const xs = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    const ys = new Float64Array(n).fill(y);
    const ok = new Uint8Array(n);
    approxTransformRow(exact, maxError, xs, ys, ok, n);
    return { xs, ys, ok };
  };
  const curved: PointsTransform = (xs, ys, ok, start, len) => {
    for (let i = start; i < start + len; i++) {
      const x = xs[i] as number;
      xs[i] = 3 * x + 0.0004 * x * x;
      ys[i] = 2 * (ys[i] as number) + 0.0002 * x * x;
      ok[i] = 1;
    }
  };
  it('equals an affine transform exactly at both ends and within rounding inside', () => {
    const affine: PointsTransform = (xs, ys, ok, start, len) => {
      for (let i = start; i < start + len; i++) {
        xs[i] = 2 * (xs[i] as number) + 7;
        ys[i] = (ys[i] as number) - 3;
        ok[i] = 1;
      }
    };
    const r = run(affine, 512, 10.5);
    for (let i = 0; i < 512; i++) {
      assert.ok(Math.abs((r.xs[i] as number) - (2 * (i + 0.5) + 7)) < 1e-9);
      assert.equal(r.ys[i], 7.5);
    }
  });
  it('stays within the tolerance of the exact transform on a curved one, splitting the row as needed', () => {
    const r = run(curved, 512, 4.5);
    let maxErr = 0;
    let interpolated = 0;
    for (let i = 0; i < 512; i++) {
      const x = i + 0.5;
      const err = Math.abs((r.xs[i] as number) - (3 * x + 0.0004 * x * x)) + Math.abs((r.ys[i] as number) - (9 + 0.0002 * x * x));
      maxErr = Math.max(maxErr, err);
      if (err > 1e-9) interpolated++;
    }
    assert.ok(maxErr <= APPROX_MAX_ERROR * 1.01, `max error ${maxErr}`);
    assert.ok(interpolated > 400, 'most points are interpolated, not transformed');
  });
  it('transforms short rows exactly', () => {
    const r = run(curved, 5, 0.5);
    assert.equal(r.xs[2], 3 * 2.5 + 0.0004 * 2.5 * 2.5);
  });
});
