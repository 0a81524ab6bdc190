// Whether a tile touches the source at all (rio-tiler's tile_exists): the tile's bounds, densified and taken to
// the source CRS, against the source's bounds. A tile that does not is a distinct outcome (404), not an empty tile.
import { AppError } from '@pqe/common';
import type { Transformer } from '../types.js';
import { gridBounds } from './geotransform.js';
import type { Bounds, WarpSource } from './types.js';

/** Points added along each edge when taking bounds to another CRS (rasterio's densify_pts=21). */
const DENSIFY = 21;

/** Bounds in the destination CRS taken to the source CRS through `inverse`, or undefined when not finite. */
export function boundsToSource(bounds: Bounds, transformer: Transformer): Bounds | undefined {
  const [w, s, e, n] = bounds;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const steps = DENSIFY + 1;
  for (let i = 0; i <= steps; i++) {
    const r = i / steps;
    for (const [x, y] of [
      [w + r * (e - w), s],
      [w + r * (e - w), n],
      [w, s + r * (n - s)],
      [e, s + r * (n - s)],
    ] as const) {
      const [px, py] = transformer.inverse(x, y);
      if (!Number.isFinite(px) || !Number.isFinite(py)) return undefined;
      minX = Math.min(minX, px);
      maxX = Math.max(maxX, px);
      minY = Math.min(minY, py);
      maxY = Math.max(maxY, py);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** True when the tile (bounds in the destination CRS) overlaps the source; rio-tiler says yes when unsure. */
export function tileIntersectsSource(source: WarpSource, bounds: Bounds, transformer: Transformer): boolean {
  const tile = boundsToSource(bounds, transformer);
  if (!tile) return true;
  const [a, b, c, d] = gridBounds(source.geotransform, source.width, source.height);
  const src: Bounds = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  return tile[0] < src[2] && tile[2] > src[0] && tile[3] > src[1] && tile[1] < src[3];
}

/** Throws rio-tiler's TileOutsideBounds as a NotFound AppError when tile z/x/y does not touch the source. */
export function assertTileInside(source: WarpSource, tile: { z: number; x: number; y: number }, bounds: Bounds, transformer: Transformer): void {
  if (!tileIntersectsSource(source, bounds, transformer)) {
    throw new AppError('NotFound', `Tile(x=${tile.x}, y=${tile.y}, z=${tile.z}) is outside bounds`, { details: { ...tile } });
  }
}
