// The resolution GDAL suggests for a reprojected raster (rasterio's calculate_default_transform, which rio-tiler
// uses to size its warped grid): the distance between the raster's top-left and bottom-right corners once
// reprojected, divided by the raster's diagonal in pixels. Only the resolution matters to rio-tiler, not the extent.
import type { GeoTransform } from '../types.js';

/** Samples per edge when the corners cannot be used (GDAL's edge sampling). */
const EDGE_STEPS = 20;

/**
 * Square pixel size in destination units for a `width` x `height` raster with geotransform `gt`, reprojected by
 * `forward` (source CRS → destination CRS). Throws RangeError when no corner or edge point can be reprojected.
 */
export function suggestedResolution(gt: GeoTransform, width: number, height: number, forward: (x: number, y: number) => [number, number]): number {
  const project = (px: number, py: number): [number, number] | undefined => {
    const x = gt[0] + px * gt[1] + py * gt[2];
    const y = gt[3] + px * gt[4] + py * gt[5];
    try {
      const out = forward(x, y);
      return Number.isFinite(out[0]) && Number.isFinite(out[1]) ? out : undefined;
    } catch {
      return undefined;
    }
  };
  const ul = project(0, 0);
  const lr = project(width, height);
  let dx = 0;
  let dy = 0;
  if (ul && lr) {
    dx = lr[0] - ul[0];
    dy = lr[1] - ul[1];
  }
  if (dx === 0 || dy === 0) {
    // Degenerate corners: fall back to the extent of points sampled along the edges.
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i <= EDGE_STEPS; i++) {
      const r = i / EDGE_STEPS;
      for (const [px, py] of [
        [r * width, 0],
        [r * width, height],
        [0, r * height],
        [width, r * height],
      ] as const) {
        const p = project(px, py);
        if (!p) continue;
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    if (!(maxX > minX && maxY > minY)) throw new RangeError('the raster cannot be reprojected to the destination CRS');
    dx = maxX - minX;
    dy = maxY - minY;
  }
  return Math.sqrt(dx * dx + dy * dy) / Math.sqrt(width * width + height * height);
}
