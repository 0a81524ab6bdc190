// The data engine's core: COG sources and reading, decoders, TileMatrixSets, CRS, warping and encoding.
// No HTTP and no database here; data-api wires it to routes.

export { CRS84, crsFromEpsg, isWebMercator, isWgs84Geographic, parseCrs, sameCrs } from './crs/crs.js';
export { epsgCodes } from './crs/epsg-registry.js';
export { crsFromGeoKeys, GeoKey, type GeoKeys, type GeoKeyValue } from './crs/geokeys.js';
export { type ArrayTransformer, lonLatToWebMercator, transformer, webMercatorToLonLat } from './crs/transformer.js';
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
