// Geotransform arithmetic written in the same operation order as GDAL and rasterio, because the warper's
// pixel picks depend on the last bit of these numbers.
import type { GeoTransform } from '../types.js';
import type { Bounds } from './types.js';

/** GDAL's inverse geotransform; the north-up case avoids the determinant exactly as GDAL does. */
export function invertGeoTransform(gt: GeoTransform): GeoTransform {
  const [g0, g1, g2, g3, g4, g5] = gt;
  if (g2 === 0 && g4 === 0 && g1 !== 0 && g5 !== 0) {
    return [-g0 / g1, 1 / g1, 0, -g3 / g5, 0, 1 / g5];
  }
  const det = g1 * g5 - g2 * g4;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('geotransform cannot be inverted');
  const inv = 1 / det;
  return [(g2 * g3 - g0 * g5) * inv, g5 * inv, -g2 * inv, (-g1 * g3 + g0 * g4) * inv, -g4 * inv, g1 * inv];
}

/** rasterio's `transform.from_bounds`: the north-up grid of `width` x `height` pixels over the bounds. */
export function fromBounds(bounds: Bounds, width: number, height: number): GeoTransform {
  const [west, south, east, north] = bounds;
  return [west, (east - west) / width, 0, north, 0, (south - north) / height];
}

/** rasterio's `array_bounds` for a north-up grid: [west, south, east, north]. */
export function gridBounds(gt: GeoTransform, width: number, height: number): Bounds {
  const [c, a, , f, , e] = gt;
  return [c, f + e * height, c + a * width, f];
}

/** Scales the pixel size of a geotransform (same origin): a grid of the same extent with fewer pixels. */
export function scaleGeoTransform(gt: GeoTransform, ratioX: number, ratioY: number): GeoTransform {
  return [gt[0], gt[1] * ratioX, gt[2] * ratioY, gt[3], gt[4] * ratioX, gt[5] * ratioY];
}
