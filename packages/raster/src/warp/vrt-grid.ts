// The warped grid rio-tiler reads a tile from (rio_tiler.utils.get_vrt_transform and reader.part): aligned on the
// requested bounds, at the source's own resolution once reprojected unless the output is finer, then grown by
// `buffer` and `padding`.
import type { Crs, GeoTransform } from '../types.js';
import { fromBounds, gridBounds } from './geotransform.js';
import { suggestedResolution } from './suggested-resolution.js';
import type { Bounds } from './types.js';

/** rio-tiler keeps geographic sources inside Web Mercator's valid latitudes before sizing the grid. */
export const MERCATOR_MAX_LATITUDE = 85.06;

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export interface VrtGrid {
  /** Of the warped grid, in the destination CRS. */
  transform: GeoTransform;
  width: number;
  height: number;
  /** The grid's bounds (rio-tiler recomputes them from the grid, so they may differ from the request in the last bits). */
  bounds: Bounds;
}

export interface SourceGeometry {
  width: number;
  height: number;
  geotransform: GeoTransform;
  crs: Crs;
}

/** The destination pixel size (x, y) of the source once reprojected, as rio-tiler asks GDAL for it. */
export function reprojectedResolution(
  source: SourceGeometry,
  dstCrs: Crs,
  forward: (x: number, y: number) => [number, number],
  inverse: (x: number, y: number) => [number, number],
): [number, number] {
  const gt = source.geotransform;
  let [west, south, east, north] = gridBounds(gt, source.width, source.height);
  let width = source.width;
  let height = source.height;
  if (source.crs.id === 'EPSG:4326' && dstCrs.id === 'EPSG:3857') {
    const lo = Math.min(south, north);
    const hi = Math.max(south, north);
    if (lo < -MERCATOR_MAX_LATITUDE || hi > MERCATOR_MAX_LATITUDE) {
      if (south <= north) {
        south = Math.max(south, -MERCATOR_MAX_LATITUDE);
        north = Math.min(north, MERCATOR_MAX_LATITUDE);
      } else {
        // Bounds stored upside down (south above north): rio-tiler clamps them the other way round.
        south = Math.min(south, MERCATOR_MAX_LATITUDE);
        north = Math.max(north, -MERCATOR_MAX_LATITUDE);
      }
      width = roundHalfEven(Math.abs((east - west) / gt[1]));
      height = roundHalfEven(Math.abs((north - south) / gt[5]));
      [west, east] = [Math.min(west, east), Math.max(west, east)];
    }
  }
  return suggestedResolution(fromBounds([west, south, east, north], width, height), width, height, forward, inverse, dstCrs.geographic);
}

/**
 * rio-tiler's get_vrt_transform for a reprojected read: the grid over `bounds` at the source's reprojected resolution
 * `resolution`, or at the output's resolution when that is finer (over-zoom).
 */
export function vrtGrid(bounds: Bounds, resolution: readonly [number, number], outWidth?: number, outHeight?: number): VrtGrid {
  const [w, s, e, n] = bounds;
  let wRes = resolution[0];
  let hRes = -resolution[1];
  if (outWidth && outHeight) {
    const out = fromBounds(bounds, outWidth, outHeight);
    if (Math.abs(out[1]) < Math.abs(wRes)) wRes = out[1];
    if (Math.abs(out[5]) < Math.abs(hRes)) hRes = out[5];
  }
  const width = Math.max(1, roundHalfEven((e - w) / wRes));
  const height = Math.max(1, roundHalfEven((s - n) / hRes));
  const transform = fromBounds(bounds, width, height);
  return { transform, width, height, bounds: gridBounds(transform, width, height) };
}

/** rio-tiler's _apply_buffer: bounds grown by `buffer` output pixels on each side, and the output size with them. */
export function applyBuffer(buffer: number, bounds: Bounds, width: number, height: number): { bounds: Bounds; width: number; height: number } {
  const [w, s, e, n] = bounds;
  const xRes = (e - w) / width;
  const yRes = (n - s) / height;
  return {
    bounds: [w - xRes * buffer, s - yRes * buffer, e + xRes * buffer, n + yRes * buffer],
    width: width + Math.trunc(buffer * 2),
    height: height + Math.trunc(buffer * 2),
  };
}

/** rio-tiler's _get_width_height: the output size for `maxSize`, keeping the aspect ratio (preview, part, bbox). */
export function sizeForMaxSize(maxSize: number, width: number, height: number): { width: number; height: number } {
  if (Math.max(height, width) < maxSize) return { width, height };
  const ratio = height / width;
  if (ratio > 1) return { height: maxSize, width: Math.ceil(maxSize / ratio) };
  return { width: maxSize, height: Math.ceil(maxSize * ratio) };
}
