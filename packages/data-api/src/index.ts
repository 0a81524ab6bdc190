export {
  type BandStatistics,
  type BBox,
  type CallContext,
  type CogEngine,
  type CogInfo,
  type EncodedImage,
  type EncodeOptions,
  type ImageFormat,
  type ImageSize,
  imageFormats,
  noCogEngine,
  type PartOptions,
  type PointOptions,
  type PointValues,
  type PolygonFeature,
  type PreviewOptions,
  type RasterImage,
  type ReadOptions,
  type Resampling,
  resamplingMethods,
  type StatisticsOptions,
  type TileOptions,
  type WarpResampling,
  warpResamplingMethods,
} from './cog-engine.js';
export { type DataApiDeps, dataApi, dataRoutes } from './data-api.js';
export { type DataErrorBody, dataErrorResponse } from './error-body.js';
export { dataOpenApi, openApiPage } from './openapi.js';
export { type RasterEngineOptions, rasterCogEngine, rasterTileMatrixSets } from './raster-engine.js';
export { localRoots, sourceOptions } from './source-policy.js';
export { DEFAULT_TMS, noTileMatrixSets, requireTileInMatrix, requireTms, type TileMatrixInfo, type TmsInfo, type TmsProvider } from './tms-provider.js';
