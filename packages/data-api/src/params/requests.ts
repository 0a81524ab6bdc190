// Query (and path) → the typed request of each /cog route. Pure functions: they throw a ZodError or an AppError
// (both 400) for any bad value, and never look at a file.
import { AppError } from '@pqe/common';
import type { z } from 'zod';
import type {
  BBox,
  EncodeOptions,
  ImageFormat,
  ImageSize,
  PartOptions,
  PointOptions,
  PreviewOptions,
  ReadOptions,
  StatisticsOptions,
  TileOptions,
} from '../cog-engine.js';
import { DEFAULT_TMS } from '../tms-provider.js';
import {
  coordCrsQuery,
  datasetQuery,
  dstCrsQuery,
  imageSizeQuery,
  layerQuery,
  renderQuery,
  sourceQuery,
  statisticsQuery,
  tileQuery,
  tilesetQuery,
  unsupportedParams,
  wmtsQuery,
} from './cog-params.js';
import { parseBBoxPath, parsePointPath, parseTilePath } from './path-params.js';

/** A parsed query string: a string per parameter, an array when repeated. */
export type Query = Record<string, string | string[] | undefined>;

/** Parses with `schema`, reporting issues against the query as a whole (their path is the parameter's name). */
function read<S extends z.ZodType>(schema: S, query: Query): z.output<S> {
  return schema.parse(query);
}

/** Refuses the titiler parameters that would change the pixels but are not implemented here. */
export function rejectUnsupported(query: Query): void {
  const given = unsupportedParams.filter((name) => query[name] !== undefined);
  if (given.length > 0) {
    throw new AppError(
      'InvalidParameter',
      `${given.join(', ')}: not supported by this server yet; send the request without ${given.length > 1 ? 'them' : 'it'}.`,
    );
  }
}

export function sourceUrl(query: Query): string {
  return read(sourceQuery, query).url;
}

export function readOptions(query: Query): ReadOptions {
  rejectUnsupported(query);
  const { bidx } = read(layerQuery, query);
  const { nodata, unscale, resampling, reproject } = read(datasetQuery, query);
  return {
    ...(bidx === undefined ? {} : { bidx: bidx.flat() }),
    ...(nodata === undefined ? {} : { nodata }),
    unscale,
    resampling,
    reproject,
  };
}

/** How the image is encoded; the format comes from the path. */
export function encodeOptions(query: Query, format: ImageFormat | undefined): EncodeOptions {
  const { rescale, return_mask } = read(renderQuery, query);
  return { ...(format === undefined ? {} : { format }), addMask: return_mask, ...(rescale === undefined ? {} : { rescale }) };
}

function imageSize(query: Query, defaultMaxSize: number | undefined): ImageSize {
  const { max_size, width, height } = read(imageSizeQuery(defaultMaxSize), query);
  // As titiler: a width and a height together make max_size moot.
  if (width !== undefined && height !== undefined) return { width, height };
  const maxSize = max_size ?? defaultMaxSize;
  return {
    ...(maxSize === undefined ? {} : { maxSize }),
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
  };
}

export interface TileRequest {
  url: string;
  tms: string;
  z: number;
  x: number;
  y: number;
  tile: TileOptions;
  encode: EncodeOptions;
}

/** `rest` is what follows /tiles/ in the path. */
export function tileRequest(rest: string, query: Query): TileRequest {
  const path = parseTilePath(rest);
  const url = sourceUrl(query);
  const options = readOptions(query);
  const { buffer, padding, tilesize } = read(tileQuery, query);
  return {
    url,
    tms: path.tms ?? DEFAULT_TMS,
    z: path.z,
    x: path.x,
    y: path.y,
    tile: { ...options, tileSize: tilesize ?? 256 * path.scale, buffer, padding },
    encode: encodeOptions(query, path.format),
  };
}

export interface TilesetRequest {
  url: string;
  tileFormat?: ImageFormat;
  tileScale: number;
  minzoom?: number;
  maxzoom?: number;
}

/**
 * tilejson.json, WMTSCapabilities.xml and map: their own parameters, and the tile parameters they forward,
 * checked now so that a document never describes tiles that would all fail.
 */
export function tilesetRequest(query: Query): TilesetRequest {
  const url = sourceUrl(query);
  readOptions(query);
  read(tileQuery, query);
  encodeOptions(query, undefined);
  const { tile_format, tile_scale, minzoom, maxzoom } = read(tilesetQuery, query);
  if (minzoom !== undefined && maxzoom !== undefined && minzoom > maxzoom) {
    throw new AppError('InvalidParameter', `minzoom (${minzoom}) is above maxzoom (${maxzoom}).`);
  }
  return {
    url,
    tileScale: tile_scale,
    ...(tile_format === undefined ? {} : { tileFormat: tile_format }),
    ...(minzoom === undefined ? {} : { minzoom }),
    ...(maxzoom === undefined ? {} : { maxzoom }),
  };
}

export function wmtsUseEpsg(query: Query): boolean {
  return read(wmtsQuery, query).use_epsg;
}

export interface PreviewRequest {
  url: string;
  preview: PreviewOptions;
  encode: EncodeOptions;
}

export function previewRequest(query: Query, format: ImageFormat | undefined): PreviewRequest {
  const url = sourceUrl(query);
  const { dst_crs } = read(dstCrsQuery, query);
  return {
    url,
    preview: { ...readOptions(query), ...imageSize(query, 1024), ...(dst_crs === undefined ? {} : { dstCrs: dst_crs }) },
    encode: encodeOptions(query, format),
  };
}

export interface PartRequest {
  url: string;
  part: PartOptions;
  encode: EncodeOptions;
}

/** /bbox and /feature: size from the path (`{width}x{height}`) wins over the query's. */
export function partRequest(query: Query, format: ImageFormat | undefined, size?: { width: number; height: number }): PartRequest {
  const url = sourceUrl(query);
  const { dst_crs } = read(dstCrsQuery, query);
  const { coord_crs } = read(coordCrsQuery, query);
  const dims = size ?? imageSize(query, undefined);
  return {
    url,
    part: {
      ...readOptions(query),
      ...dims,
      ...(dst_crs === undefined ? {} : { dstCrs: dst_crs }),
      ...(coord_crs === undefined ? {} : { coordCrs: coord_crs }),
    },
    encode: encodeOptions(query, format),
  };
}

export interface BBoxRequest extends PartRequest {
  bbox: BBox;
}

/** `rest` is what follows /bbox/ in the path. */
export function bboxRequest(rest: string, query: Query): BBoxRequest {
  const path = parseBBoxPath(rest);
  const size = path.width !== undefined && path.height !== undefined ? { width: path.width, height: path.height } : undefined;
  return { bbox: path.bbox, ...partRequest(query, path.format, size) };
}

export interface PointRequest {
  url: string;
  lon: number;
  lat: number;
  point: PointOptions;
}

export function pointRequest(coordinates: string, query: Query): PointRequest {
  const { lon, lat } = parsePointPath(coordinates);
  const url = sourceUrl(query);
  const { coord_crs } = read(coordCrsQuery, query);
  return { url, lon, lat, point: { ...readOptions(query), ...(coord_crs === undefined ? {} : { coordCrs: coord_crs }) } };
}

export interface StatisticsRequest {
  url: string;
  statistics: StatisticsOptions;
}

export function statisticsRequest(query: Query): StatisticsRequest {
  const url = sourceUrl(query);
  const { categorical, c, p, histogram_bins, histogram_range } = read(statisticsQuery, query);
  const size = imageSize(query, 1024);
  return {
    url,
    statistics: {
      ...readOptions(query),
      ...size,
      categorical,
      ...(c === undefined ? {} : { categories: c }),
      percentiles: p === undefined || p.length === 0 ? [2, 98] : p,
      histogramBins: histogram_bins ?? 10,
      ...(histogram_range === undefined ? {} : { histogramRange: histogram_range }),
    },
  };
}
