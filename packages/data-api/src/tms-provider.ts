// The TileMatrixSets the data API knows, as the routes need them: identifiers to check requests against, matrix
// sizes to range-check tile coordinates, and what TileJSON, WMTS and the map page describe. The registry of
// @pqe/raster (tms/) provides them; buildApp passes it in.
import { AppError } from '@pqe/common';

/** One level of a TileMatrixSet (OGC TMS 2.0 names). */
export interface TileMatrixInfo {
  id: string;
  scaleDenominator: number;
  /** Size of a pixel in CRS units. */
  cellSize: number;
  /** Top-left corner, in the CRS's axis order as the TMS document writes it. */
  pointOfOrigin: readonly [number, number];
  tileWidth: number;
  tileHeight: number;
  matrixWidth: number;
  matrixHeight: number;
}

export interface TmsInfo {
  id: string;
  title?: string;
  /** The CRS URI of the TMS document, e.g. http://www.opengis.net/def/crs/EPSG/0/3857. */
  crs: string;
  /** A proj4 definition of the CRS, for map pages that reproject (absent: only Web Mercator pages work). */
  proj4?: string;
  /** The listed levels, lowest zoom first. */
  tileMatrices: readonly TileMatrixInfo[];
  /**
   * The level `zoom`: a listed one, or one past the last when the set extends regularly (as morecantile does);
   * undefined when the set has no such level.
   */
  matrix(zoom: number): TileMatrixInfo | undefined;
  /** [minx, miny, maxx, maxy] in the TMS CRS, x first whatever the axis order. */
  boundingBox: readonly [number, number, number, number];
  /** The OGC TMS 2.0 JSON document, as /tileMatrixSets/{id} returns it. */
  document: unknown;
}

export interface TmsProvider {
  /** Identifiers in the order /tileMatrixSets lists them. */
  ids(): readonly string[];
  get(id: string): TmsInfo | undefined;
}

/** The TileMatrixSet a route uses when its path names none. */
export const DEFAULT_TMS = 'WebMercatorQuad';

/** A server built without a TileMatrixSet registry lists none, and every route that needs one answers 404. */
export const noTileMatrixSets: TmsProvider = { ids: () => [], get: () => undefined };

/** The TileMatrixSet `id`, or a 404 that lists the known ones. */
export function requireTms(provider: TmsProvider, id: string): TmsInfo {
  const tms = provider.get(id);
  if (tms !== undefined) return tms;
  const known = provider.ids();
  const shown = id.length > 100 ? `${id.slice(0, 100)}…` : id;
  throw new AppError(
    'NotFound',
    known.length === 0 ? `Unknown TileMatrixSet '${shown}': this server has none.` : `Unknown TileMatrixSet '${shown}'; use one of ${known.join(', ')}.`,
  );
}

/**
 * Checks that tile z/x/y exists in the TileMatrixSet (a level it has, x and y inside its matrix). A tile that
 * cannot exist is answered as titiler answers any tile it cannot serve: 404, "Tile(x=…, y=…, z=…) is outside bounds".
 */
export function requireTileInMatrix(tms: TmsInfo, z: number, x: number, y: number): TileMatrixInfo {
  const matrix = tms.matrix(z);
  if (matrix === undefined || x < 0 || y < 0 || x >= matrix.matrixWidth || y >= matrix.matrixHeight) {
    const levels = tms.tileMatrices;
    const range =
      matrix === undefined
        ? `${tms.id} has zoom levels ${levels[0]?.id ?? '?'} to ${levels[levels.length - 1]?.id ?? '?'}`
        : `at zoom ${z} of ${tms.id}, x goes from 0 to ${matrix.matrixWidth - 1} and y from 0 to ${matrix.matrixHeight - 1}`;
    throw new AppError('NotFound', `Tile(x=${x}, y=${y}, z=${z}) is outside bounds: ${range}.`);
  }
  return matrix;
}
