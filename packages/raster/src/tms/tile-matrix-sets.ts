// The registry of TileMatrixSets: their identifiers, and each one built once, on first use.
import { AppError } from '@pqe/common';
import { TileMatrixSet } from './tile-matrix-set.js';
import { tileMatrixSetDefinitions } from './tms-definitions.js';

/** The TileMatrixSet tiles use when a request names none. */
export const DEFAULT_TILE_MATRIX_SET = 'WebMercatorQuad';

const built = new Map<string, TileMatrixSet>();

/** The identifiers of the TileMatrixSets pqe serves, in the order titiler lists them. */
export function tileMatrixSets(): string[] {
  return tileMatrixSetDefinitions.map((d) => d.id);
}

/** A TileMatrixSet by identifier; throws a NotFound AppError listing the known ones. */
export function getTileMatrixSet(id: string): TileMatrixSet {
  const cached = built.get(id);
  if (cached !== undefined) return cached;
  const definition = tileMatrixSetDefinitions.find((d) => d.id === id);
  if (definition === undefined) {
    throw new AppError('NotFound', `Unknown TileMatrixSet "${String(id).slice(0, 100)}"; known ones: ${tileMatrixSets().join(', ')}.`);
  }
  const tms = new TileMatrixSet(definition);
  built.set(id, tms);
  return tms;
}
