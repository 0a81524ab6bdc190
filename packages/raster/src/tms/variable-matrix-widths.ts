// Variable matrix widths (OGC TMS 2.0): near the poles, tiles of some rows are merged ("coalesced") across
// columns so they keep a sensible shape. CDB 1 and GNOSIS each follow a rule, written here once rather than
// listed level by level.

export interface VariableMatrixWidth {
  coalesce: number;
  minTileRow: number;
  maxTileRow: number;
}

/** CDB 1 latitude bands, in rows of 1° from the north pole: [coalesce, first row, last row]. */
const CDB1_BANDS: readonly (readonly [number, number, number])[] = [
  [12, 0, 0],
  [6, 1, 9],
  [4, 10, 14],
  [3, 15, 19],
  [2, 20, 39],
];

/** CDB 1: the bands above in the north, mirrored in the south; a 1° row is 2^zoom tile rows above level 0. */
export function cdb1MatrixWidths(zoom: number): VariableMatrixWidth[] {
  const rowsPerDegree = zoom > 0 ? 2 ** zoom : 1;
  const north = CDB1_BANDS.map(([coalesce, first, last]) => ({ coalesce, minTileRow: first * rowsPerDegree, maxTileRow: (last + 1) * rowsPerDegree - 1 }));
  const south = [...CDB1_BANDS].reverse().map(([coalesce, first, last]) => ({
    coalesce,
    minTileRow: (179 - last) * rowsPerDegree,
    maxTileRow: (180 - first) * rowsPerDegree - 1,
  }));
  return [...north, ...south];
}

/**
 * GNOSIS: at level z (2^z rows per hemisphere), the polar row merges 2^z tiles, the next one 2^(z-1), the next two
 * 2^(z-2), the next four 2^(z-3)… down to pairs; mirrored in the south. Level 0 has none.
 */
export function gnosisMatrixWidths(zoom: number, matrixHeight: number): VariableMatrixWidth[] | undefined {
  if (zoom < 1) return undefined;
  const north: VariableMatrixWidth[] = [];
  for (let band = 0; band < zoom; band++) {
    north.push({ coalesce: 2 ** (zoom - band), minTileRow: band === 0 ? 0 : 2 ** (band - 1), maxTileRow: 2 ** band - 1 });
  }
  const south = [...north].reverse().map(({ coalesce, minTileRow, maxTileRow }) => ({
    coalesce,
    minTileRow: matrixHeight - 1 - maxTileRow,
    maxTileRow: matrixHeight - 1 - minTileRow,
  }));
  return [...north, ...south];
}

/** The coalescence factor of a row: how many columns one tile of that row spans (1 when none). */
export function coalesceFactor(widths: readonly VariableMatrixWidth[] | undefined, row: number): number {
  if (widths === undefined) return 1;
  for (const width of widths) {
    if (row >= width.minTileRow && row <= width.maxTileRow) return width.coalesce;
  }
  return 1;
}
