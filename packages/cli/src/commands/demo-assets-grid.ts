// The pixel grid of a demo asset: the CRS the item names (proj:epsg), north-up, its pixels aligned to multiples
// of the pixel size, and wide enough to hold the item's whole footprint. Aligning to one grid per CRS means that
// two overlapping items of a collection cover the same ground with the same pixels, so their rasters agree where
// they overlap (the texture is a function of the pixel's place in that grid) and a mosaic of them is seamless.
import { AppError } from '@pqe/common';
import { CRS84, crsFromEpsg, type GeoTransform, transformer } from '@pqe/raster';

/** A footprint ring in the grid's CRS: x, y pairs, closed or not. */
export type Ring = Float64Array;

export interface AssetGrid {
  epsg: number;
  geographic: boolean;
  width: number;
  height: number;
  /** GDAL order; the origin is the outer corner of the top-left pixel. */
  geotransform: GeoTransform;
  /** Column and row of the top-left pixel in the CRS-wide grid: where the raster's window of texture starts. */
  column: number;
  row: number;
  /** The footprint's polygons (outer rings only) in grid CRS units. */
  rings: Ring[];
}

/** Larger rasters would mean a demo item unlike the others: refuse rather than allocate without bound. */
export const MAX_GRID_SIDE = 4096;
/** Points added along each footprint edge before projecting, so that the grid holds the curved edges too. */
const EDGE_STEPS = 8;

/** The polygons of a GeoJSON Polygon or MultiPolygon, as rings of [lon, lat]. */
export function footprintRings(geometry: { type?: unknown; coordinates?: unknown }): number[][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? (geometry.coordinates as unknown[]) : [];
  const rings: number[][][] = [];
  for (const polygon of polygons) {
    const outer = Array.isArray(polygon) ? polygon[0] : undefined;
    if (Array.isArray(outer) && outer.length >= 4) rings.push(outer as number[][]);
  }
  if (rings.length === 0) throw new AppError('InvalidParameter', 'A demo asset needs an item with a Polygon or MultiPolygon footprint.');
  return rings;
}

/** Projects a lon/lat ring into `epsg`, with EDGE_STEPS points per edge; throws when a point cannot be projected. */
function projectRing(ring: readonly number[][], epsg: number): Ring {
  const toGrid = transformer(CRS84, crsFromEpsg(epsg));
  const out = new Float64Array(2 * EDGE_STEPS * (ring.length - 1));
  let o = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [lon0, lat0] = ring[i] as [number, number];
    const [lon1, lat1] = ring[i + 1] as [number, number];
    for (let s = 0; s < EDGE_STEPS; s++) {
      const t = s / EDGE_STEPS;
      const [x, y] = toGrid.forward(lon0 + (lon1 - lon0) * t, lat0 + (lat1 - lat0) * t);
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new AppError('InvalidParameter', `The footprint point ${lon0}, ${lat0} has no place in EPSG:${epsg}.`);
      }
      out[o++] = x;
      out[o++] = y;
    }
  }
  return out;
}

/**
 * The grid in EPSG:`epsg` with square pixels of `pixelSize` (CRS units) that holds the footprints, plus one pixel
 * all round. @throws AppError InvalidParameter when it would exceed MAX_GRID_SIDE pixels a side.
 */
export function footprintGrid(geometries: readonly { type?: unknown; coordinates?: unknown }[], epsg: number, pixelSize: number): AssetGrid {
  const rings = geometries.flatMap((geometry) => footprintRings(geometry).map((ring) => projectRing(ring, epsg)));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      const x = ring[i] as number;
      const y = ring[i + 1] as number;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const column = Math.floor(minX / pixelSize) - 1;
  const top = Math.ceil(maxY / pixelSize) + 1;
  const width = Math.ceil(maxX / pixelSize) + 1 - column;
  const height = top - (Math.floor(minY / pixelSize) - 1);
  if (width > MAX_GRID_SIDE || height > MAX_GRID_SIDE) {
    throw new AppError('InvalidParameter', `A demo asset of ${width}x${height} pixels is larger than ${MAX_GRID_SIDE} a side; use larger pixels.`);
  }
  const crs = crsFromEpsg(epsg);
  return {
    epsg,
    geographic: crs.geographic,
    width,
    height,
    geotransform: [column * pixelSize, pixelSize, 0, top * pixelSize, 0, -pixelSize],
    column,
    row: -top,
    rings,
  };
}

/** A whole-world grid in EPSG:4326 with `cellDegrees` cells (180 must be a whole number of them). */
export function globalGrid(cellDegrees: number): AssetGrid {
  const height = Math.round(180 / cellDegrees);
  if (!(cellDegrees > 0) || Math.abs(height * cellDegrees - 180) > 1e-9 || 2 * height > MAX_GRID_SIDE) {
    throw new AppError('InvalidParameter', `A global demo grid needs a cell size that divides 180°; got ${cellDegrees}.`);
  }
  const width = 2 * height;
  const world = Float64Array.of(-180, -90, 180, -90, 180, 90, -180, 90);
  return {
    epsg: 4326,
    geographic: true,
    width,
    height,
    geotransform: [-180, cellDegrees, 0, 90, 0, -cellDegrees],
    column: -height,
    row: -height / 2,
    rings: [world],
  };
}
