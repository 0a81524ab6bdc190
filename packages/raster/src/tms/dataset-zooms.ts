// The zoom range a dataset gets in a TileMatrixSet, as rio-tiler gives it: maxzoom is the level matching the
// dataset's resolution, minzoom the level matching its coarsest theoretical overview (halvings until the smaller
// side is no more than one tile).
import { AppError } from '@pqe/common';
import type { GeoTransform } from '../types.js';
import type { TileMatrixSet } from './tile-matrix-set.js';

/** Number of times the grid can be halved before its smaller side (integer-divided) is no more than `minSize`. */
export function maximumOverviewLevel(width: number, height: number, minSize: number): number {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1 || !(minSize >= 1)) {
    throw new AppError('InvalidParameter', `A raster of ${width}×${height} pixels cannot have overviews of at least ${minSize} pixels.`);
  }
  let level = 0;
  let factor = 1;
  while (Math.min(Math.floor(width / factor), Math.floor(height / factor)) > minSize) {
    factor *= 2;
    level += 1;
  }
  return level;
}

/** A dataset's grid in the TMS CRS (e.g. what a warp to that CRS would suggest): its transform and size. */
export interface GridInTmsCrs {
  transform: GeoTransform;
  width: number;
  height: number;
}

/** minzoom and maxzoom of a dataset whose grid, expressed in the TMS CRS, is `grid`. */
export function datasetZoomRange(tms: TileMatrixSet, grid: GridInTmsCrs): { minzoom: number; maxzoom: number } {
  const resolution = Math.max(Math.abs(grid.transform[1]), Math.abs(grid.transform[5]));
  // The TMS's tile size is assumed constant across levels (it is, except for CDB1's levels below 0).
  const tileSize = tms.tileMatrices[0]?.tileWidth ?? 256;
  const overviewLevel = maximumOverviewLevel(grid.width, grid.height, tileSize);
  return {
    minzoom: tms.zoomForResolution(resolution * 2 ** overviewLevel),
    maxzoom: tms.zoomForResolution(resolution),
  };
}
