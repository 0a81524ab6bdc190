// The data engine's core: COG sources and reading, decoders, TileMatrixSets, CRS, warping and encoding.
// No HTTP and no database here; data-api wires it to routes.

export { BlockCache, type BlockKey, blockCacheKey } from './cache/block-cache.js';
export { Inflight } from './cache/inflight.js';
export { LruCache, type LruCacheOptions, type LruCacheStats } from './cache/lru-cache.js';
export { sourceCacheKey } from './cache/source-cache-key.js';
export { Cog, CogHeaderCache, type CogLevel, headerCacheKey, type OpenCogOptions, openCog } from './cog/cog.js';
export type { CogBandInfo, CogHeader } from './cog/cog-header.js';
export { type CogLimits, DEFAULT_COG_LIMITS } from './cog/cog-limits.js';
export { CRS84, crsFromEpsg, isWebMercator, isWgs84Geographic, parseCrs, sameCrs } from './crs/crs.js';
export { epsgCodes } from './crs/epsg-registry.js';
export { crsFromGeoKeys, GeoKey, type GeoKeys, type GeoKeyValue } from './crs/geokeys.js';
export { type ArrayTransformer, lonLatToWebMercator, transformer, webMercatorToLonLat } from './crs/transformer.js';
export { BlockDecodeError, MAX_DECODED_BLOCK_BYTES } from './decode/block-decode-error.js';
export { decodeBlock, supportedCompressions } from './decode/decode-block.js';
export { bytesPerSample, sampleTypeOf } from './decode/sample-type.js';
export { type ImageFormat, imageFormats, isImageFormat, mediaTypes } from './encode/formats.js';
export { decodeNpy, encodeNpy, encodeTileNpy, type NpyArray } from './encode/npy.js';
export { type EncodedImage, type RenderedImage, type RenderOptions, renderImage } from './encode/render-image.js';
export { configureSharp } from './encode/sharp-encoders.js';
export * from './render/index.js';
export { isAzureBlobUrl, type TokenCredential } from './source/azure-blob.js';
export { HttpClient, type HttpClientOptions } from './source/http-client.js';
export { AzureTokens, openSource, type SourceOptions, type SourceScheme } from './source/open-source.js';
export { type ByteRange, type MergeOptions, readRanges } from './source/read-ranges.js';
export { type AerialRaster, aerialRaster } from './synth/aerial.js';
export { type DemRaster, demNodata, demRaster } from './synth/dem.js';
export { type LandCoverRaster, landCoverNames, landCoverPalette, landCoverRaster } from './synth/land-cover.js';
export { LandCover } from './synth/landscape.js';
export { addNoiseRow, type FbmOptions, fbmRow, latticeValue } from './synth/noise.js';
export type { SynthSize } from './synth/synth-options.js';
export { datasetZoomRange, type GridInTmsCrs, maximumOverviewLevel } from './tms/dataset-zooms.js';
export { clipToTmsGeographicBounds, gridBounds, type SourceExtent, WEB_MERCATOR_LATITUDE_LIMIT, webMercatorSourceExtent } from './tms/geographic-clip.js';
export {
  type Bounds,
  geographicExtent,
  MAX_ZOOM,
  type Tile,
  type TileMatrix,
  TileMatrixSet,
  type TileMatrixSetJson,
  type ZoomStrategy,
} from './tms/tile-matrix-set.js';
export { DEFAULT_TILE_MATRIX_SET, getTileMatrixSet, tileMatrixSets } from './tms/tile-matrix-sets.js';
export type { VariableMatrixWidth } from './tms/variable-matrix-widths.js';
export type * from './types.js';
export * from './warp/index.js';
export { type GeoTiffCrs, type GeoTiffOptions, type OverviewResampling, writeGeoTiff } from './writer/geotiff-writer.js';
