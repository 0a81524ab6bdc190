// The data engine's core: COG sources and reading, decoders, TileMatrixSets, CRS, warping and encoding.
// No HTTP and no database here; data-api wires it to routes.

export { type ImageFormat, imageFormats, isImageFormat, mediaTypes } from './encode/formats.js';
export { decodeNpy, encodeNpy, encodeTileNpy, type NpyArray } from './encode/npy.js';
export { type EncodedImage, type RenderedImage, type RenderOptions, renderImage } from './encode/render-image.js';
export { configureSharp } from './encode/sharp-encoders.js';
export { type AerialRaster, aerialRaster } from './synth/aerial.js';
export { type DemRaster, demNodata, demRaster } from './synth/dem.js';
export { type LandCoverRaster, landCoverNames, landCoverPalette, landCoverRaster } from './synth/land-cover.js';
export type { SynthSize } from './synth/synth-options.js';
export type * from './types.js';
export { type GeoTiffCrs, type GeoTiffOptions, type OverviewResampling, writeGeoTiff } from './writer/geotiff-writer.js';
