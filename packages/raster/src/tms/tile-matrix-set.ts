// A TileMatrixSet (OGC TMS 2.0): its JSON document, its CRS and the tile arithmetic of titiler / morecantile
// (tile bounds, the tile at a point, the zoom for a resolution), computed the way morecantile computes them so
// that tiles line up to the last bit with theirs.
import { AppError } from '@pqe/common';
import { CRS84, crsFromEpsg, parseCrs } from '../crs/crs.js';
import { transformer } from '../crs/transformer.js';
import type { Crs } from '../types.js';
import type { TileMatrixSetDefinition } from './tms-definitions.js';
import { coalesceFactor, type VariableMatrixWidth } from './variable-matrix-widths.js';

/** [minX, minY, maxX, maxY]: west, south, east, north. */
export type Bounds = readonly [number, number, number, number];

export interface Tile {
  x: number;
  y: number;
  z: number;
}

export interface TileMatrix {
  id: string;
  scaleDenominator: number;
  cellSize: number;
  cornerOfOrigin: 'topLeft';
  pointOfOrigin: readonly [number, number];
  tileWidth: number;
  tileHeight: number;
  matrixWidth: number;
  matrixHeight: number;
  variableMatrixWidths?: VariableMatrixWidth[];
}

export interface TileMatrixSetJson {
  title: string;
  id: string;
  uri?: string;
  orderedAxes: readonly [string, string];
  crs: string;
  wellKnownScaleSet?: string;
  tileMatrices: TileMatrix[];
}

export type ZoomStrategy = 'auto' | 'lower' | 'upper';

/** The deepest level we extend a regular TileMatrixSet to (morecantile extends them without limit). */
export const MAX_ZOOM = 30;

/** Points per edge when transforming an extent (as rasterio / pyproj's transform_bounds densify). */
const DENSIFY_POINTS = 21;

export class TileMatrixSet {
  readonly id: string;
  readonly title: string;
  readonly crs: Crs;
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly tileMatrices: readonly TileMatrix[];
  readonly #definition: TileMatrixSetDefinition;
  /** True when the CRS's first axis is northing / latitude: the origin is then written (y, x). */
  readonly #invertAxis: boolean;
  readonly #extended = new Map<number, TileMatrix>();
  #geographicBounds: Bounds | undefined;

  constructor(definition: TileMatrixSetDefinition) {
    this.#definition = definition;
    this.id = definition.id;
    this.title = definition.title;
    this.crs = parseCrs(definition.crs);
    this.#invertAxis = ['Y', 'LAT', 'N'].includes(definition.orderedAxes[0].toUpperCase());
    this.tileMatrices = definition.levels.map(([scaleDenominator, cellSize], index) => {
      const zoom = definition.firstZoom + index;
      const [matrixWidth, matrixHeight] = definition.matrixSize(zoom);
      const size = definition.tileSize(zoom);
      const widths = definition.variableMatrixWidths?.(zoom, matrixHeight);
      return {
        id: String(zoom),
        scaleDenominator,
        cellSize,
        cornerOfOrigin: 'topLeft' as const,
        pointOfOrigin: definition.pointOfOrigin,
        tileWidth: size,
        tileHeight: size,
        matrixWidth,
        matrixHeight,
        ...(widths === undefined ? {} : { variableMatrixWidths: widths }),
      };
    });
    this.minzoom = definition.firstZoom;
    this.maxzoom = definition.firstZoom + definition.levels.length - 1;
  }

  /** The OGC TileMatrixSet 2.0 document (what /tileMatrixSets/{id} returns). */
  toJSON(): TileMatrixSetJson {
    const d = this.#definition;
    return {
      title: d.title,
      id: d.id,
      ...(d.uri === undefined ? {} : { uri: d.uri }),
      orderedAxes: d.orderedAxes,
      crs: d.crs,
      ...(d.wellKnownScaleSet === undefined ? {} : { wellKnownScaleSet: d.wellKnownScaleSet }),
      tileMatrices: this.tileMatrices.map((m) => ({
        ...m,
        ...(m.variableMatrixWidths === undefined ? {} : { variableMatrixWidths: m.variableMatrixWidths.map((w) => ({ ...w })) }),
      })),
    };
  }

  get isVariable(): boolean {
    return this.tileMatrices.some((m) => m.variableMatrixWidths !== undefined);
  }

  /**
   * The tile matrix of a zoom level. Regular sets are extended past their last level by their constant scale
   * ratio (as morecantile does, up to MAX_ZOOM); sets with variable widths or irregular scales are not.
   */
  matrix(zoom: number): TileMatrix {
    const index = zoom - this.minzoom;
    const known = Number.isInteger(zoom) ? this.tileMatrices[index] : undefined;
    if (known !== undefined) return known;
    const cached = this.#extended.get(zoom);
    if (cached !== undefined) return cached;
    if (!Number.isInteger(zoom) || zoom < this.minzoom || zoom > MAX_ZOOM) {
      throw new AppError(
        'NotFound',
        `TileMatrixSet ${this.id} has no zoom level ${zoom}: its levels go from ${this.minzoom} to ${this.maxzoom} (extended up to ${MAX_ZOOM} when regular).`,
      );
    }
    const ratios = new Set<number>();
    for (let i = 1; i < this.tileMatrices.length; i++) {
      const ratio = (this.tileMatrices[i]?.scaleDenominator ?? 0) / (this.tileMatrices[i - 1]?.scaleDenominator ?? 1);
      ratios.add(Math.round(ratio * 100) / 100);
    }
    const [ratio] = ratios;
    if (this.isVariable || ratios.size !== 1 || ratio === undefined || !(ratio > 0 && ratio < 1)) {
      throw new AppError('NotFound', `TileMatrixSet ${this.id} has no zoom level ${zoom}: its levels go from ${this.minzoom} to ${this.maxzoom}.`);
    }
    const factor = 1 / ratio;
    let matrix = this.tileMatrices[this.tileMatrices.length - 1] as TileMatrix;
    while (Number(matrix.id) < zoom) {
      matrix = {
        ...matrix,
        id: String(Number(matrix.id) + 1),
        scaleDenominator: matrix.scaleDenominator / factor,
        cellSize: matrix.cellSize / factor,
        matrixWidth: Math.trunc(matrix.matrixWidth * factor),
        matrixHeight: Math.trunc(matrix.matrixHeight * factor),
      };
    }
    this.#extended.set(zoom, matrix);
    return matrix;
  }

  /** The top-left corner of a matrix as (x, y) in the TMS CRS, whatever the CRS's axis order. */
  #origin(matrix: TileMatrix): readonly [number, number] {
    const [a, b] = matrix.pointOfOrigin;
    return this.#invertAxis ? [b, a] : [a, b];
  }

  isValidTile(z: number, x: number, y: number): boolean {
    if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < this.minzoom || z > MAX_ZOOM) return false;
    let matrix: TileMatrix;
    try {
      matrix = this.matrix(z);
    } catch {
      return false;
    }
    return x >= 0 && y >= 0 && x < matrix.matrixWidth && y < matrix.matrixHeight;
  }

  #checkedMatrix(z: number, x: number, y: number): TileMatrix {
    const matrix = this.matrix(z);
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= matrix.matrixWidth || y >= matrix.matrixHeight) {
      throw new AppError(
        'NotFound',
        `Tile ${z}/${x}/${y} is outside TileMatrixSet ${this.id}: at zoom ${z}, x goes from 0 to ${matrix.matrixWidth - 1} and y from 0 to ${matrix.matrixHeight - 1}.`,
      );
    }
    return matrix;
  }

  /**
   * Bounds of a tile in the TMS CRS. In a coalesced row the tile spans `coalesce` columns from the first column of
   * its group. The products are ordered as morecantile orders them, so that the floating-point results are equal.
   */
  tileBounds(z: number, x: number, y: number): Bounds {
    const matrix = this.#checkedMatrix(z, x, y);
    const [ox, oy] = this.#origin(matrix);
    const cf = coalesceFactor(matrix.variableMatrixWidths, y);
    const column = Math.floor(x / cf);
    const left = ox + column * matrix.cellSize * cf * matrix.tileWidth;
    const top = oy - y * matrix.cellSize * matrix.tileHeight;
    const right = ox + (column + 1) * matrix.cellSize * cf * matrix.tileWidth;
    const bottom = oy - (y + 1) * matrix.cellSize * matrix.tileHeight;
    return [left, bottom, right, top];
  }

  /** Bounds of a tile in longitude / latitude (WGS 84): its top-left and bottom-right corners transformed. */
  tileBoundsGeographic(z: number, x: number, y: number): Bounds {
    const [left, bottom, right, top] = this.tileBounds(z, x, y);
    const toLonLat = transformer(this.crs, CRS84);
    const [west, north] = toLonLat.forward(left, top);
    const [east, south] = toLonLat.forward(right, bottom);
    return [west, south, east, north];
  }

  /**
   * The tile holding a point given in the TMS CRS, clamped into the matrix. With `coalesce`, a column inside a
   * coalesced group is moved to the group's first column (the tile's identifier).
   */
  tileAt(x: number, y: number, z: number, options: { coalesce?: boolean } = {}): Tile {
    const matrix = this.matrix(z);
    const [ox, oy] = this.#origin(matrix);
    let column = Number.isFinite(x) ? Math.floor((x - ox) / (matrix.cellSize * matrix.tileWidth)) : 0;
    let row = Number.isFinite(y) ? Math.floor((oy - y) / (matrix.cellSize * matrix.tileHeight)) : 0;
    if (Number.isNaN(column)) column = 0;
    if (Number.isNaN(row)) row = 0;
    row = Math.min(Math.max(row, 0), matrix.matrixHeight - 1);
    column = Math.min(Math.max(column, 0), matrix.matrixWidth - 1);
    if (options.coalesce === true) {
      const cf = coalesceFactor(matrix.variableMatrixWidths, row);
      column -= column % cf;
    }
    return { x: column, y: row, z };
  }

  /** The tile holding a longitude / latitude (WGS 84), its column moved to the first of a coalesced group. */
  tileAtLonLat(lon: number, lat: number, z: number): Tile {
    const [x, y] = transformer(CRS84, this.crs).forward(lon, lat);
    return this.tileAt(x, y, z, { coalesce: true });
  }

  /** Extent of the set in its CRS: the top-left of the first tile to the bottom-right of the last, at minzoom. */
  get bounds(): Bounds {
    const matrix = this.matrix(this.minzoom);
    const [left, , , top] = this.tileBounds(this.minzoom, 0, 0);
    const [, bottom, right] = this.tileBounds(this.minzoom, matrix.matrixWidth - 1, matrix.matrixHeight - 1);
    return [left, bottom, right, top];
  }

  /**
   * Extent of the set in longitude / latitude: its edges densified and transformed, widened to the whole circle
   * of longitudes and to the pole when a pole lies inside it.
   */
  get geographicBounds(): Bounds {
    this.#geographicBounds ??= geographicExtent(this.crs, this.bounds);
    return this.#geographicBounds;
  }

  /**
   * The zoom level whose cell size matches a resolution (in TMS CRS units per pixel), as GDAL's COG driver and
   * morecantile choose it: `auto` the nearest (in ratio), `lower` the coarser, `upper` the finer.
   */
  zoomForResolution(resolution: number, options: { minZoom?: number; maxZoom?: number; strategy?: ZoomStrategy } = {}): number {
    if (!(resolution > 0 && Number.isFinite(resolution))) {
      throw new AppError('InvalidParameter', `A resolution must be a positive number, not ${resolution}.`);
    }
    const minZoom = options.minZoom ?? this.minzoom;
    const maxZoom = options.maxZoom ?? this.maxzoom;
    const strategy = options.strategy ?? 'auto';
    let zoom = minZoom;
    let matrixResolution = this.matrix(zoom).cellSize;
    for (zoom = minZoom; zoom <= maxZoom; zoom++) {
      matrixResolution = this.matrix(zoom).cellSize;
      if (resolution > matrixResolution || Math.abs(resolution - matrixResolution) / matrixResolution <= 1e-8) break;
    }
    if (zoom > maxZoom) zoom = maxZoom;
    // As morecantile: the comparison is with level 0, not with the set's first level.
    if (zoom > 0 && Math.abs(resolution - matrixResolution) / matrixResolution > 1e-8) {
      if (strategy === 'lower') zoom = Math.max(zoom - 1, minZoom);
      else if (strategy === 'auto' && this.matrix(Math.max(zoom - 1, minZoom)).cellSize / resolution < resolution / matrixResolution) {
        zoom = Math.max(zoom - 1, minZoom);
      }
    }
    return zoom;
  }
}

/** Densified transform of an extent to longitude / latitude, with the poles it contains. */
export function geographicExtent(crs: Crs, [left, bottom, right, top]: Bounds): Bounds {
  const wgs84 = crsFromEpsg(4326);
  const toLonLat = transformer(crs, wgs84);
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  const add = (x: number, y: number): void => {
    const [lon, lat] = toLonLat.forward(x, y);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  };
  const steps = DENSIFY_POINTS + 1;
  for (let i = 0; i <= steps; i++) {
    const fx = left + ((right - left) * i) / steps;
    const fy = bottom + ((top - bottom) * i) / steps;
    add(fx, top);
    add(fx, bottom);
    add(left, fy);
    add(right, fy);
  }
  const fromLonLat = transformer(wgs84, crs);
  for (const pole of [90, -90]) {
    const [px, py] = fromLonLat.forward(0, pole);
    if (Number.isFinite(px) && Number.isFinite(py) && px >= left && px <= right && py >= bottom && py <= top) {
      west = -180;
      east = 180;
      if (pole > 0) north = 90;
      else south = -90;
    }
  }
  return [west, south, east, north];
}
