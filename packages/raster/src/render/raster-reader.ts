// One COG opened for reading, as rio-tiler's Reader: tiles, previews, parts, features and points, all through the
// warper over a CogWarpSource, with rio-tiler 6.8's sizing rules. Library code: no HTTP; every read takes a signal.
import { AppError, throwIfAborted } from '@pqe/common';
import type { BlockCache } from '../cache/block-cache.js';
import { type Cog, type CogHeaderCache, openCog } from '../cog/cog.js';
import type { CogLimits } from '../cog/cog-limits.js';
import { CRS84, sameCrs } from '../crs/crs.js';
import { crsFromGeoKeys } from '../crs/geokeys.js';
import { transformer } from '../crs/transformer.js';
import { openSource, type SourceOptions } from '../source/open-source.js';
import type { Bounds, TileMatrixSet } from '../tms/tile-matrix-set.js';
import type { Crs, GeoTransform } from '../types.js';
import { gridBounds } from '../warp/geotransform.js';
import { cachedReprojectedResolution } from '../warp/resolution-cache.js';
import { assertTileInside } from '../warp/tile-bounds.js';
import type { Resampling, WarpResampling } from '../warp/types.js';
import { sizeForMaxSize, vrtGrid } from '../warp/vrt-grid.js';
import { CogWarpSource } from './cog-warp-source.js';
import { type Feature, featureBounds, maskOutsideFeature } from './feature-mask.js';
import type { ImageData } from './image-data.js';
import { warpNearest } from './nearest-warp.js';
import { unscale } from './post-process.js';
import { type RasterInfo, rasterInfo } from './raster-info.js';
import { type BandStatistics, imageStatistics, type StatisticsOptions } from './statistics.js';
import { transformBounds } from './transform-bounds.js';

export interface RasterCaches {
  /** Decoded blocks, shared by every reader. */
  blocks: BlockCache;
  /** Parsed headers, so that a file opened again is not read again. */
  headers?: CogHeaderCache | undefined;
}

export interface OpenRasterOptions {
  sourceOptions?: SourceOptions | undefined;
  caches: RasterCaches;
  limits?: Partial<CogLimits> | undefined;
  signal?: AbortSignal | undefined;
}

/** What every read takes (titiler's layer and dataset parameters). */
export interface ReadOptions {
  /** 1-based band indexes (titiler's bidx); default every band but alpha. */
  indexes?: readonly number[] | undefined;
  /** Overrides the file's nodata. */
  nodata?: number | undefined;
  /** Apply the bands' scale and offset (the result is float32). */
  unscale?: boolean | undefined;
  resampling?: Resampling | undefined;
  reproject?: WarpResampling | undefined;
  signal?: AbortSignal | undefined;
}

export interface TileOptions extends ReadOptions {
  tilesize?: number | undefined;
  buffer?: number | undefined;
  padding?: number | undefined;
}

export interface SizeOptions {
  maxSize?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

export interface PreviewOptions extends ReadOptions, SizeOptions {
  /** Warp the whole raster to this CRS; default its own. */
  dstCrs?: Crs | undefined;
}

export interface PartOptions extends ReadOptions, SizeOptions {
  /** CRS of the bbox; default lon/lat (rio-tiler's WGS84). */
  boundsCrs?: Crs | undefined;
  /** Output CRS; default the bbox's CRS. */
  dstCrs?: Crs | undefined;
  buffer?: number | undefined;
}

export interface FeatureOptions extends ReadOptions, SizeOptions {
  /** CRS of the geometry; default lon/lat. */
  shapeCrs?: Crs | undefined;
  dstCrs?: Crs | undefined;
}

export interface PointOptions extends Omit<ReadOptions, 'resampling' | 'reproject'> {
  /** CRS of the coordinates; default lon/lat. */
  coordCrs?: Crs | undefined;
}

export interface PointValues {
  /** Per band read; null where the pixel is masked (titiler's masked values). */
  values: (number | null)[];
  bandNames: string[];
  /** The coordinates as asked, in `coordCrs`. */
  coordinates: [number, number];
}

const MAX_SIZE_LIMIT = 4096;

/** Opens `location` (a path under the allowed roots or an allowed URL) and reads its header. */
export async function openRaster(location: string, options: OpenRasterOptions): Promise<RasterReader> {
  const source = await openSource(location, options.sourceOptions ?? {});
  const cog = await openCog(source, {
    ...(options.caches.headers ? { cache: options.caches.headers } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return new RasterReader(cog, options.caches.blocks);
}

export class RasterReader {
  readonly cog: Cog;
  readonly crs: Crs;
  readonly geotransform: GeoTransform;
  readonly #blocks: BlockCache;

  constructor(cog: Cog, blocks: BlockCache) {
    const gt = cog.geotransform;
    if (gt === undefined) throw new AppError('BadRequest', `${cog.url} is not georeferenced: it has no geotransform.`);
    this.cog = cog;
    this.geotransform = gt;
    this.crs = crsFromGeoKeys(cog.geoKeys);
    this.#blocks = blocks;
  }

  /** Bounds in the raster's own CRS. */
  get bounds(): Bounds {
    return gridBounds(this.geotransform, this.cog.width, this.cog.height);
  }

  info(tms: TileMatrixSet, nodata?: number): RasterInfo {
    return rasterInfo(this.cog, this.crs, this.geotransform, tms, nodata);
  }

  /** The warper's view of the raster for the bands and nodata of one request. */
  source(options: ReadOptions = {}): CogWarpSource {
    const bands = options.indexes?.map((i) => i - 1);
    return new CogWarpSource(this.cog, { crs: this.crs, blockCache: this.#blocks, bands, nodata: options.nodata });
  }

  /** Tile z/x/y of `tms`; NotFound (rio-tiler's TileOutsideBounds) when it does not touch the raster. */
  async tile(tms: TileMatrixSet, z: number, x: number, y: number, options: TileOptions = {}): Promise<ImageData> {
    if (!tms.isValidTile(z, x, y)) throw new AppError('NotFound', `Tile(x=${x}, y=${y}, z=${z}) is not a tile of ${tms.id}.`);
    const size = options.tilesize ?? 256;
    const bounds = tms.tileBounds(z, x, y);
    const source = this.source(options);
    assertTileInside(source, { z, x, y }, bounds, transformer(this.crs, tms.crs));
    return this.#warp(source, tms.crs, bounds, size, size, options);
  }

  /** The whole raster, at most `maxSize` (default 1024) pixels a side unless width and height are given. */
  async preview(options: PreviewOptions = {}): Promise<ImageData> {
    const source = this.source(options);
    const dst = options.dstCrs ?? this.crs;
    let bounds = this.bounds;
    let gridW = this.cog.width;
    let gridH = this.cog.height;
    if (!sameCrs(dst, this.crs)) {
      const grid = this.#grid(source, dst, transformBounds(this.crs, dst, bounds));
      bounds = grid.bounds;
      gridW = grid.width;
      gridH = grid.height;
    }
    const { width, height } = outputSize(options, gridW, gridH, 1024);
    return this.#warp(source, dst, bounds, width, height, options);
  }

  /** The part of the raster within `bbox` (in `boundsCrs`, default lon/lat), in `dstCrs` (default `boundsCrs`). */
  async part(bbox: Bounds, options: PartOptions = {}): Promise<ImageData> {
    const boundsCrs = options.boundsCrs ?? CRS84;
    const dst = options.dstCrs ?? boundsCrs;
    checkBounds(bbox);
    const bounds = transformBounds(boundsCrs, dst, bbox);
    const source = this.source(options);
    let gridW: number;
    let gridH: number;
    let gridBoundsOut = bounds;
    if (!sameCrs(dst, this.crs)) {
      const grid = this.#grid(source, dst, bounds, options.width, options.height);
      gridW = grid.width;
      gridH = grid.height;
      gridBoundsOut = grid.bounds;
    } else {
      // A read window of the raster itself: its size in the raster's pixels, rounded.
      gridW = Math.max(1, Math.round((bounds[2] - bounds[0]) / Math.abs(this.geotransform[1])));
      gridH = Math.max(1, Math.round((bounds[3] - bounds[1]) / Math.abs(this.geotransform[5])));
    }
    const { width, height } = outputSize(options, gridW, gridH);
    return this.#warp(source, dst, gridBoundsOut, width, height, { ...options, buffer: options.buffer });
  }

  /** The part under a GeoJSON Feature's (or geometry's) bbox, masked outside it (pixels it touches are kept). */
  async feature(feature: Feature, options: FeatureOptions = {}): Promise<ImageData> {
    const shapeCrs = options.shapeCrs ?? CRS84;
    const dst = options.dstCrs ?? shapeCrs;
    const image = await this.part(featureBounds(feature), { ...options, boundsCrs: shapeCrs, dstCrs: dst });
    maskOutsideFeature(image, feature, shapeCrs);
    return image;
  }

  /** Band values at a point, from the full resolution (rio-tiler's point: the pixel that contains it). */
  async point(x: number, y: number, options: PointOptions = {}): Promise<PointValues> {
    const coordCrs = options.coordCrs ?? CRS84;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new AppError('InvalidParameter', 'Point coordinates must be finite numbers.');
    const [px, py] = sameCrs(coordCrs, this.crs) ? [x, y] : transformer(coordCrs, this.crs).forward(x, y);
    const [w, s, e, n] = this.bounds;
    if (!(w < px && px < e && s < py && py < n)) throw new AppError('NotFound', 'Point is outside dataset bounds');
    const gt = this.geotransform;
    // rasterio's index(): floor of the inverse affine (north-up rasters).
    const col = Math.floor((px - gt[0]) / gt[1]);
    const row = Math.floor((py - gt[3]) / gt[5]);
    const source = this.source(options);
    if (col < 0 || row < 0 || col >= this.cog.width || row >= this.cog.height) throw new AppError('NotFound', 'Point is outside dataset bounds');
    const pixel = await source.readWindow(0, col, row, 1, 1, options.signal);
    const valid = pixel.valid[0] === 255;
    const nodata = source.nodata;
    const values = pixel.bands.map((band) => band[0] as number);
    const scaled = options.unscale
      ? values.map((v, i) => Math.fround(Math.fround(v * this.#scale(source.bands[i] as number)) + this.#offset(source.bands[i] as number)))
      : values;
    return {
      values: scaled.map((v, i) => {
        const raw = values[i] as number;
        const masked = !valid || (nodata !== undefined && (Number.isNaN(nodata) ? Number.isNaN(raw) : raw === nodata));
        return masked ? null : v;
      }),
      bandNames: source.bands.map((b) => `b${b + 1}`),
      coordinates: [x, y],
    };
  }

  /** Per-band statistics of the preview (titiler's GET /statistics). */
  async statistics(options: PreviewOptions & StatisticsOptions = {}): Promise<Record<string, BandStatistics>> {
    const image = await this.preview({ ...options, maxSize: options.maxSize ?? 1024 });
    throwIfAborted(options.signal);
    return imageStatistics(image, options);
  }

  #scale(band: number): number {
    return this.cog.bands[band]?.scale ?? 1;
  }

  #offset(band: number): number {
    return this.cog.bands[band]?.offset ?? 0;
  }

  /** rio-tiler's warped grid over `bounds` in `dst` at the raster's reprojected resolution. */
  #grid(source: CogWarpSource, dst: Crs, bounds: Bounds, width?: number, height?: number) {
    const resolution = cachedReprojectedResolution(source, dst, transformer(this.crs, dst));
    return vrtGrid(bounds, resolution, width, height);
  }

  async #warp(source: CogWarpSource, dst: Crs, bounds: Bounds, width: number, height: number, options: TileOptions): Promise<ImageData> {
    const result = await warpNearest({
      source,
      dstCrs: dst,
      dstBounds: bounds,
      width,
      height,
      transformer: transformer(this.crs, dst),
      ...(options.resampling ? { resampling: options.resampling } : {}),
      ...(options.reproject ? { reproject: options.reproject } : {}),
      ...(options.buffer ? { buffer: options.buffer } : {}),
      ...(options.padding ? { padding: options.padding } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const image: ImageData = {
      bands: result.bands,
      mask: result.mask,
      width: result.width,
      height: result.height,
      sampleType: source.sampleType,
      bounds: result.bounds,
      crs: dst,
      bandNames: source.bands.map((b) => `b${b + 1}`),
    };
    if (!options.unscale) return image;
    return unscale(
      image,
      source.bands.map((b) => this.#scale(b)),
      source.bands.map((b) => this.#offset(b)),
    );
  }
}

function checkBounds(bbox: Bounds): void {
  if (bbox.length !== 4 || !bbox.every(Number.isFinite) || !(bbox[2] > bbox[0]) || !(bbox[3] > bbox[1])) {
    throw new AppError('InvalidParameter', 'A bbox is four finite numbers: west, south, east, north, with west < east and south < north.');
  }
}

/** The output size: width and height when both are given, else the grid's size bounded by maxSize. */
function outputSize(options: SizeOptions, gridW: number, gridH: number, defaultMax?: number): { width: number; height: number } {
  const { width, height } = options;
  if (width !== undefined && height !== undefined) return { width, height };
  const maxSize = options.maxSize ?? defaultMax;
  if (maxSize !== undefined && (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > MAX_SIZE_LIMIT)) {
    throw new AppError('InvalidParameter', `max_size must be a whole number from 1 to ${MAX_SIZE_LIMIT}, not ${maxSize}.`);
  }
  let size = { width: gridW, height: gridH };
  if (maxSize !== undefined) size = sizeForMaxSize(maxSize, gridW, gridH);
  if (width !== undefined) size.width = width;
  if (height !== undefined) size.height = height;
  return size;
}
