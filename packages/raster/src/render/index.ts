// The render pipeline: from a COG and a tile / preview / part / feature / point request to pixels and images.
export { CogWarpSource, type CogWarpSourceOptions, defaultBands } from './cog-warp-source.js';
export { type Feature, featureBounds, maskOutsideFeature } from './feature-mask.js';
export { type ImageData, interleave } from './image-data.js';
export { applyColormap, type Range, rescale, unscale } from './post-process.js';
export { type NodataType, type RasterInfo, rasterInfo } from './raster-info.js';
export {
  type FeatureOptions,
  type OpenRasterOptions,
  openRaster,
  type PartOptions,
  type PointOptions,
  type PointValues,
  type PreviewOptions,
  type RasterCaches,
  RasterReader,
  type ReadOptions,
  type SizeOptions,
  type TileOptions,
} from './raster-reader.js';
export { encodeImage, type OutputOptions } from './render-output.js';
export { type BandStatistics, imageStatistics, type StatisticsOptions } from './statistics.js';
export { transformBounds } from './transform-bounds.js';
