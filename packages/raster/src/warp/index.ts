// The warper: rio-tiler 6.8's tile, part and preview reads, reproduced over any WarpSource.
export { proj4Transformer } from './proj4-transformer.js';
export { assertTileInside, tileIntersectsSource } from './tile-bounds.js';
export type { Bounds, ReadWindowOptions, Resampling, WarpRequest, WarpResampling, WarpResult, WarpSource, WindowPixels } from './types.js';
export { applyBuffer, sizeForMaxSize } from './vrt-grid.js';
export { MAX_OUTPUT_SIZE, warpToTile } from './warp-to-tile.js';
