// The resolution GDAL suggests for a reprojected raster (rasterio's calculate_default_transform, which rio-tiler
// uses to size its warped grid): the distance between the raster's top-left and bottom-right corners once
// reprojected, divided by the raster's diagonal in pixels. Only the resolution matters to rio-tiler, not the extent.
import type { GeoTransform } from '../types.js';

/** Steps along each edge when sampling the reprojected extent. */
const EDGE_STEPS = 20;

/** The tries GDAL makes at shrinking the pixel size so that the last column or row sees the source. */
const SHRINK_RATIOS = [0, 0.001, 0.01, 0.1, 1];

/**
 * Pixel size (x, y) in destination units for a `width` x `height` raster with geotransform `gt`, reprojected by
 * `forward` (source CRS → destination CRS, `inverse` back): GDAL's diagonal rule, then its adjustments for a last
 * column or row that falls entirely off the source (a world raster whose east edge is the antimeridian).
 * Throws RangeError when the raster cannot be reprojected.
 */
export function suggestedResolution(
  gt: GeoTransform,
  width: number,
  height: number,
  forward: (x: number, y: number) => [number, number],
  inverse?: (x: number, y: number) => [number, number],
  geographicDst = false,
): [number, number] {
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
  const ul = project(0, 0);
  const lr = project(width, height);
  let dx = 0;
  let dy = 0;
  if (ul && lr) {
    dx = lr[0] - ul[0];
    dy = lr[1] - ul[1];
  }
  if (dx === 0 || dy === 0) {
    dx = maxX - minX;
    dy = maxY - minY;
  }
  const size = Math.sqrt(dx * dx + dy * dy) / Math.sqrt(width * width + height * height);
  if (!inverse) return [size, size];
  const pixels = Math.trunc((maxX - minX) / size + 0.5);
  const lines = Math.trunc((maxY - minY) / size + 0.5);
  // Whether all of 21 points along a line of the destination fail to go to the source and back (GDAL checks the
  // border with the inverse projection): a longitude past the antimeridian comes back on the other side.
  const threshold = geographicDst ? 0.1 : 10000;
  const offSource = (x: (r: number) => number, y: (r: number) => number): boolean => {
    for (let i = 0; i <= 20; i++) {
      const r = i === 20 ? 1 : i * 0.05;
      const dx = x(r);
      const dy = y(r);
      try {
        const s = inverse(dx, dy);
        const back = forward(s[0], s[1]);
        if (Math.abs(back[0] - dx) <= threshold && Math.abs(back[1] - dy) <= threshold) return false;
      } catch {
        // A failed point counts as off the source.
      }
    }
    return true;
  };
  let sizeX = size;
  let sizeY = size;
  for (const ratio of SHRINK_RATIOS) {
    const tryX = sizeX - (sizeX * ratio) / pixels;
    const right = minX + pixels * tryX;
    if (
      !offSource(
        () => right,
        (r) => maxY - sizeY * r * lines,
      )
    ) {
      sizeX = tryX;
      break;
    }
  }
  for (const ratio of SHRINK_RATIOS) {
    const tryY = sizeY - (sizeY * ratio) / lines;
    const bottom = maxY - lines * tryY;
    if (
      !offSource(
        (r) => minX + sizeX * r * pixels,
        () => bottom,
      )
    ) {
      sizeY = tryY;
      break;
    }
  }
  return [sizeX, sizeY];
}
