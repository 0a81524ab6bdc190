// The data engine's core: COG sources and reading, decoders, TileMatrixSets, CRS, warping and encoding.
// No HTTP and no database here; data-api wires it to routes.

export { BlockDecodeError, MAX_DECODED_BLOCK_BYTES } from './decode/block-decode-error.js';
export { decodeBlock, supportedCompressions } from './decode/decode-block.js';
export { bytesPerSample, sampleTypeOf } from './decode/sample-type.js';
export type * from './types.js';
