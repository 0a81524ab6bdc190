// The data engine's core: COG sources and reading, decoders, TileMatrixSets, CRS, warping and encoding.
// No HTTP and no database here; data-api wires it to routes.
export type * from './types.js';
export * from './warp/index.js';
