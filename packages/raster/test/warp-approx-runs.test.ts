// approxRowRuns (the approximate transformer as intervals, which the nearest read evaluates only where it needs
// points) against approxTransformRow (the same transformer point by point, which the other kernels use): the
// points must be the same bits, on smooth, curved and partly failing transforms and on real projections.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transformer } from '../src/crs/transformer.js';
import { getTileMatrixSet } from '../src/tms/tile-matrix-sets.js';
import { approxRowRuns, RowRuns } from '../src/warp/approx-row-runs.js';
import { APPROX_MAX_ERROR, approxTransformRow, type PointsTransform } from '../src/warp/approx-transformer.js';
import { levelTransform } from '../src/warp/warped-levels.js';

/** Both ways on row `y` of `n` points starting at column `blockX`, from the same `ok` flags; returns the mismatches. */
function compare(exact: PointsTransform, blockX: number, y: number, n: number, okBefore: Uint8Array, maxError = APPROX_MAX_ERROR): string[] {
  const xs = Float64Array.from({ length: n }, (_, k) => blockX + k + 0.5);
  const ys = new Float64Array(n).fill(y);
  const ok = Uint8Array.from(okBefore);
  approxTransformRow(exact, maxError, xs, ys, ok, n);

  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  const rok = Uint8Array.from(okBefore);
  const runs = new RowRuns(n);
  approxRowRuns(exact, maxError, blockX, y, n, rx, ry, rok, runs);
  const bad: string[] = [];
  assert.equal(runs.start[0], 0, 'the first interval starts the row');
  for (let r = 0; r < runs.count; r++) {
    const start = runs.start[r] as number;
    const end = r + 1 < runs.count ? (runs.start[r + 1] as number) : n;
    assert.ok(end > start, `interval ${r} is not empty`);
    for (let k = start; k < end; k++) {
      let x = rx[k] as number;
      let yy = ry[k] as number;
      if (runs.linear[r] === 1) {
        x = (runs.x0[r] as number) + (runs.dx[r] as number) * (k - start);
        yy = (runs.y0[r] as number) + (runs.dy[r] as number) * (k - start);
      }
      const okSame = rok[k] === ok[k];
      // Points that are not ok are never read: only their flag matters.
      const same = okSame && (ok[k] === 0 || (Object.is(x, xs[k]) && Object.is(yy, ys[k])));
      if (!same) bad.push(`k=${k}: ${x},${yy},${rok[k]} vs ${xs[k]},${ys[k]},${ok[k]}`);
    }
  }
  return bad;
}

const curved: PointsTransform = (xs, ys, ok, start, len) => {
  for (let i = start; i < start + len; i++) {
    const x = xs[i] as number;
    xs[i] = 3 * x + 0.0004 * x * x + 0.1 * Math.sin(x / 7);
    ys[i] = 2 * (ys[i] as number) + 0.0002 * x * x;
    ok[i] = 1;
  }
};

/** Fails (ok = 0, NaN) for x in [from, to): a projection's edge of validity. */
function failing(from: number, to: number): PointsTransform {
  return (xs, ys, ok, start, len) => {
    curved(xs, ys, ok, start, len);
    for (let i = start; i < start + len; i++) {
      const x = (xs[i] as number) / 3;
      if (x >= from && x < to) {
        xs[i] = Number.NaN;
        ys[i] = Number.NaN;
        ok[i] = 0;
      }
    }
  };
}

describe('approxRowRuns', () => {
  const widths = [1, 2, 5, 6, 7, 13, 64, 100, 255, 256, 257, 511, 512];
  it('gives the points of approxTransformRow, bit for bit, on a curved transform at any row width', () => {
    for (const n of widths) {
      for (const maxError of [APPROX_MAX_ERROR, 0.01, 0]) {
        assert.deepEqual(compare(curved, 37, 12.5, n, new Uint8Array(n), maxError), [], `width ${n}, max error ${maxError}`);
      }
    }
  });

  it('gives the same points and flags where the exact transform fails, whatever flags earlier rows left', () => {
    for (const n of widths) {
      for (const [from, to] of [
        [0, 1e9],
        [50, 60],
        [100, 400],
        [30, 31],
      ] as const) {
        // Flags as an earlier row may have left them: alternating, so that a point either way skips would show.
        const before = Uint8Array.from({ length: n }, (_, k) => k % 2);
        assert.deepEqual(compare(failing(from, to), 20, 3.5, n, before), [], `width ${n}, failing on [${from}, ${to})`);
      }
    }
  });

  it('gives the same points for the grid of a Web Mercator tile over UTM and over lon/lat', () => {
    const wmq = getTileMatrixSet('WebMercatorQuad');
    const cases = [
      { crs: { id: 'EPSG:32631', proj4: '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs', geographic: false }, inv: [440000, 10, 0, 5400000, 0, -10] },
      { crs: { id: 'EPSG:4326', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true }, inv: [5, 0.003, 0, 46, 0, -0.003] },
    ] as const;
    for (const { crs, inv } of cases) {
      const t = transformer(crs, wmq.crs);
      const [cx, cy] = t.forward(inv[0] + 200 * inv[1], inv[3] + 200 * inv[5]);
      for (const z of [8, 14, 18]) {
        const tile = wmq.tileAt(cx, cy, z);
        const [w, , e, n] = wmq.tileBounds(z, tile.x, tile.y);
        const res = (e - w) / 256;
        const level = {
          width: 512,
          height: 512,
          transform: [w, res / 2, 0, n, 0, -res / 2] as [number, number, number, number, number, number],
          sourceLevel: 0,
          sourceWidth: 1000,
          sourceHeight: 1000,
          sourceInverse: [-inv[0] / inv[1], 1 / inv[1], 0, -inv[3] / inv[5], 0, 1 / inv[5]] as [number, number, number, number, number, number],
        };
        const exact = levelTransform(level, (x, y) => t.inverse(x, y));
        for (const row of [0, 77, 511]) {
          assert.deepEqual(compare(exact, 0, row + 0.5, 512, new Uint8Array(512)), [], `${crs.id} z${z} row ${row}`);
        }
      }
    }
  });
});
