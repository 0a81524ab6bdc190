// What the /cog routes ask of the raster engine. The routes parse and check every parameter, open the source
// under the server's policy, and call one of these methods; the engine reads pixels and encodes them. Results
// are plain data (typed arrays, masks, JSON-ready objects), so the routes never touch a COG themselves.
import { AppError } from '@pqe/common';
import type { BandStatistics, ImageData, Source } from '@pqe/raster';

/** RasterIO resampling, used when reading a level at another size (titiler's `resampling`). */
export const resamplingMethods = ['nearest', 'bilinear', 'cubic', 'cubic_spline', 'lanczos', 'average', 'mode', 'gauss', 'rms'] as const;
export type Resampling = (typeof resamplingMethods)[number];

/** Warp kernel resampling, used only when reprojecting (titiler's `reproject`). */
export const warpResamplingMethods = [
  'nearest',
  'bilinear',
  'cubic',
  'cubic_spline',
  'lanczos',
  'average',
  'mode',
  'max',
  'min',
  'med',
  'q1',
  'q3',
  'sum',
  'rms',
] as const;
export type WarpResampling = (typeof warpResamplingMethods)[number];

/** The image formats served (titiler 0.18's, without jp2). */
export const imageFormats = ['png', 'jpeg', 'jpg', 'webp', 'pngraw', 'npy', 'tif'] as const;
export type ImageFormat = (typeof imageFormats)[number];

/** [minx, miny, maxx, maxy]. */
export type BBox = readonly [number, number, number, number];

/** A CRS as the routes pass it on: `EPSG:<code>` or `OGC:CRS84`. */
export type CrsId = string;

/** Which bands are read and how (titiler's layer and dataset parameters). */
export interface ReadOptions {
  /** 1-based band indexes; absent: every band that is not an alpha band. */
  bidx?: readonly number[];
  /** Replaces the dataset's nodata value (NaN and ±Infinity allowed). */
  nodata?: number;
  /** Apply the bands' scale and offset (the result is float32). */
  unscale: boolean;
  resampling: Resampling;
  reproject: WarpResampling;
}

export interface TileOptions extends ReadOptions {
  /** Output size in pixels before the buffer: 256 × scale, or `tilesize`. */
  tileSize: number;
  /** Extra pixels on each side, a multiple of 0.5 (0.5 makes a 257-pixel tile of a 256 one). */
  buffer: number;
  /** Pixels read beyond each edge and cropped off, against resampling edge effects. */
  padding: number;
}

/** Output size: `width` and `height` both, or the longest side bounded by `maxSize`. */
export interface ImageSize {
  maxSize?: number;
  width?: number;
  height?: number;
}

export interface PreviewOptions extends ReadOptions, ImageSize {
  dstCrs?: CrsId;
}

export interface PartOptions extends ReadOptions, ImageSize {
  /** CRS of the bbox or geometry coordinates (default CRS84 longitude / latitude). */
  coordCrs?: CrsId;
  /** CRS of the output image (default: the dataset's). */
  dstCrs?: CrsId;
}

export interface PointOptions extends ReadOptions {
  coordCrs?: CrsId;
}

export interface StatisticsOptions extends ReadOptions, ImageSize {
  categorical: boolean;
  /** With `categorical`: the values to count (absent: every value found). */
  categories?: readonly number[];
  /** Percentiles to report, 0 to 100 (titiler's default 2 and 98). */
  percentiles: readonly number[];
  /** A number of equal-width bins, or the bin edges (increasing). */
  histogramBins: number | readonly number[];
  histogramRange?: readonly [number, number];
}

/** What every call gets: the request's signal (aborted when the client goes away or time runs out). */
export interface CallContext {
  signal: AbortSignal;
}

/**
 * Pixels read from a COG, as the raster engine gives them (one array per band, a mask, bounds and CRS), plus the
 * dataset's palette when it has one. The routes pass it from the read to `encode` without looking inside.
 */
export type RasterImage = ImageData & { colormap?: Uint8Array | undefined };

/** How an image is encoded (titiler's render parameters). */
export interface EncodeOptions {
  /** Absent: JPEG when no pixel is masked, else PNG (titiler's rule). */
  format?: ImageFormat;
  /** Write the mask as alpha (titiler's `return_mask`, default true). */
  addMask: boolean;
  /** Linear rescale of each band from [min, max] to 0..255; one range applies to every band. */
  rescale?: readonly (readonly [number, number])[];
}

export interface EncodedImage {
  body: Uint8Array;
  format: ImageFormat;
  mediaType: string;
}

/** rio-tiler's Info, as JSON (snake_case keys, as titiler answers). */
export interface CogInfo {
  /** In CRS84. */
  bounds: BBox;
  minzoom: number;
  maxzoom: number;
  band_metadata: [string, Record<string, string>][];
  band_descriptions: [string, string][];
  dtype: string;
  nodata_type: 'Alpha' | 'Mask' | 'Internal' | 'Nodata' | 'None';
  colorinterp?: string[];
  scales?: number[];
  offsets?: number[];
  colormap?: Record<string, [number, number, number, number]>;
  [extra: string]: unknown;
}

/** rio-tiler's statistics of one band, as the raster engine computes them. */
export type { BandStatistics };

/** A point's values: one per band read, null where the pixel is masked. */
export interface PointValues {
  coordinates: readonly [number, number];
  values: (number | null)[];
  band_names: readonly string[];
}

/** A GeoJSON Feature whose geometry is a Polygon or MultiPolygon (checked by the routes). */
export interface PolygonFeature {
  type: 'Feature';
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties?: Record<string, unknown> | null;
}

/**
 * The raster engine behind the /cog routes. Every method takes a source already opened under the server's
 * policy and throws AppErrors: BadRequest for a file that is not a readable GeoTIFF (with the reason), NotFound
 * for a tile outside the dataset (message `Tile(x=X, y=Y, z=Z) is outside bounds`, as rio-tiler words it) or a
 * point outside it, BadGateway when a remote source cannot be reached.
 */
export interface CogEngine {
  info(source: Source, ctx: CallContext): Promise<CogInfo>;
  /** The dataset's bounds in CRS84. */
  bounds(source: Source, ctx: CallContext): Promise<BBox>;
  /** Bounds and the zoom range of the dataset in a TileMatrixSet, for TileJSON and WMTS documents. */
  tileset(source: Source, tms: string, ctx: CallContext): Promise<{ bounds: BBox; minzoom: number; maxzoom: number }>;
  /** Statistics per band (`b1`, `b2`...) of a preview of the dataset. */
  statistics(source: Source, options: StatisticsOptions, ctx: CallContext): Promise<Record<string, BandStatistics>>;
  tile(source: Source, tms: string, z: number, x: number, y: number, options: TileOptions, ctx: CallContext): Promise<RasterImage>;
  preview(source: Source, options: PreviewOptions, ctx: CallContext): Promise<RasterImage>;
  /** The pixels inside a bbox given in `options.coordCrs`. */
  part(source: Source, bbox: BBox, options: PartOptions, ctx: CallContext): Promise<RasterImage>;
  /** The pixels under a polygon (masked outside it). */
  feature(source: Source, feature: PolygonFeature, options: PartOptions, ctx: CallContext): Promise<RasterImage>;
  point(source: Source, lon: number, lat: number, options: PointOptions, ctx: CallContext): Promise<PointValues>;
  encode(image: RasterImage, options: EncodeOptions, ctx: CallContext): Promise<EncodedImage>;
}

const missing = (): never => {
  throw new AppError('Unavailable', 'This server has no raster engine: it serves the STAC API and the TileMatrixSets, but no pixels.');
};

/**
 * The engine of a server built without one: every call is answered 503. Requests are checked, and sources
 * opened, before an engine is called, so bad requests still get their 400, 403 or 404.
 */
export const noCogEngine: CogEngine = {
  info: missing,
  bounds: missing,
  tileset: missing,
  statistics: missing,
  tile: missing,
  preview: missing,
  part: missing,
  feature: missing,
  point: missing,
  encode: missing,
};
