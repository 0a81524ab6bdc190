// Bounds taken from one CRS to another as rasterio's transform_bounds does: each edge densified with 21 points,
// then the min / max of what comes out.
import { AppError } from '@pqe/common';
import { sameCrs } from '../crs/crs.js';
import { transformer } from '../crs/transformer.js';
import type { Bounds } from '../tms/tile-matrix-set.js';
import type { Crs } from '../types.js';

const DENSIFY = 21;

export function transformBounds(from: Crs, to: Crs, bounds: Bounds): Bounds {
  if (sameCrs(from, to)) return bounds;
  const t = transformer(from, to);
  const [w, s, e, n] = bounds;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const steps = DENSIFY + 1;
  for (let i = 0; i <= steps; i++) {
    const r = i / steps;
    const x = w + r * (e - w);
    const y = s + r * (n - s);
    for (const [px, py] of [t.forward(x, s), t.forward(x, n), t.forward(w, y), t.forward(e, y)]) {
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      minX = Math.min(minX, px);
      maxX = Math.max(maxX, px);
      minY = Math.min(minY, py);
      maxY = Math.max(maxY, py);
    }
  }
  if (!(minX < maxX) || !(minY < maxY)) {
    throw new AppError('InvalidParameter', `The bounds [${bounds.join(', ')}] cannot be expressed in ${to.id ?? 'the requested CRS'}.`);
  }
  return [minX, minY, maxX, maxY];
}
