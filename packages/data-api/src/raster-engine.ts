// The CogEngine the server runs: the /cog routes' requests carried out by @pqe/raster. One decoded-block cache and
// one header cache are shared by every request of the process; each request opens its COG through the header
// cache (no read when the header is cached), reads through the warper, and encodes with titiler's rules.
import { AppError } from '@pqe/common';
import {
  applyColormap,
  BlockCache,
  CogHeaderCache,
  type Crs,
  encodeImage,
  type Feature,
  getTileMatrixSet,
  type ImageData,
  openCog,
  parseCrs,
  RasterReader,
  type ReadOptions as RasterReadOptions,
  rescale,
  type Source,
  tileMatrixSets,
} from '@pqe/raster';
import type { CallContext, CogEngine, CogInfo, EncodeOptions, RasterImage, ReadOptions } from './cog-engine.js';
import { DEFAULT_TMS, type TmsInfo, type TmsProvider } from './tms-provider.js';

export interface RasterEngineOptions {
  /** Budget of the decoded-block cache, in bytes. */
  blockCacheBytes: number;
  /** Budget of the parsed-header cache, in bytes. */
  headerCacheBytes?: number;
}

/**
 * The methods the tiler implements; titiler's other names are refused with a 400 rather than silently replaced.
 * RasterIO resampling (`resampling`) has nearest, bilinear and cubic; the warp kernels (`reproject`) also average
 * and mode.
 */
const RESAMPLING = ['nearest', 'bilinear', 'cubic'] as const;
const KERNELS = [...RESAMPLING, 'average', 'mode'] as const;

function method<const A extends readonly string[]>(name: 'resampling' | 'reproject', value: string, allowed: A): A[number] {
  if (!allowed.includes(value)) {
    throw new AppError('InvalidParameter', `${name}=${value} is not supported by this server; use ${allowed.join(', ')}.`);
  }
  return value as A[number];
}

function readOptions(options: ReadOptions, ctx: CallContext): RasterReadOptions {
  return {
    indexes: options.bidx,
    nodata: options.nodata,
    unscale: options.unscale,
    resampling: method('resampling', options.resampling, RESAMPLING),
    reproject: method('reproject', options.reproject, KERNELS),
    signal: ctx.signal,
  };
}

const crsOf = (id: string | undefined): Crs | undefined => (id === undefined ? undefined : parseCrs(id));

/** The image plus the dataset's palette, which `encode` applies to one-band images that are not rescaled. */
function withPalette(reader: RasterReader, image: ImageData): RasterImage {
  const colormap = reader.cog.colormap;
  return colormap === undefined ? image : { ...image, colormap };
}

export function rasterCogEngine(options: RasterEngineOptions): CogEngine {
  const blocks = new BlockCache(options.blockCacheBytes);
  const headers = new CogHeaderCache(options.headerCacheBytes ?? 32 * 1024 * 1024);

  const open = async (source: Source, ctx: CallContext): Promise<RasterReader> => {
    const cog = await openCog(source, { cache: headers, signal: ctx.signal });
    return new RasterReader(cog, blocks);
  };

  const info = async (source: Source, ctx: CallContext): Promise<CogInfo> => {
    const reader = await open(source, ctx);
    const { nativeBounds: _native, crs: _crs, ...rest } = reader.info(getTileMatrixSet(DEFAULT_TMS));
    return rest;
  };

  return {
    info,
    bounds: async (source, ctx) => (await info(source, ctx)).bounds,
    tileset: async (source, tms, ctx) => {
      const reader = await open(source, ctx);
      const { bounds, minzoom, maxzoom } = reader.info(getTileMatrixSet(tms));
      return { bounds, minzoom, maxzoom };
    },
    statistics: async (source, o, ctx) => {
      const reader = await open(source, ctx);
      return reader.statistics({
        ...readOptions(o, ctx),
        maxSize: o.maxSize,
        width: o.width,
        height: o.height,
        categorical: o.categorical,
        categories: o.categories,
        percentiles: o.percentiles,
        histogramBins: o.histogramBins,
        histogramRange: o.histogramRange,
      });
    },
    tile: async (source, tms, z, x, y, o, ctx) => {
      const reader = await open(source, ctx);
      const image = await reader.tile(getTileMatrixSet(tms), z, x, y, { ...readOptions(o, ctx), tilesize: o.tileSize, buffer: o.buffer, padding: o.padding });
      return withPalette(reader, image);
    },
    preview: async (source, o, ctx) => {
      const reader = await open(source, ctx);
      const image = await reader.preview({ ...readOptions(o, ctx), maxSize: o.maxSize, width: o.width, height: o.height, dstCrs: crsOf(o.dstCrs) });
      return withPalette(reader, image);
    },
    part: async (source, bbox, o, ctx) => {
      const reader = await open(source, ctx);
      const image = await reader.part(bbox, {
        ...readOptions(o, ctx),
        maxSize: o.maxSize,
        width: o.width,
        height: o.height,
        boundsCrs: crsOf(o.coordCrs),
        dstCrs: crsOf(o.dstCrs),
      });
      return withPalette(reader, image);
    },
    feature: async (source, feature, o, ctx) => {
      const reader = await open(source, ctx);
      const image = await reader.feature(feature as unknown as Feature, {
        ...readOptions(o, ctx),
        maxSize: o.maxSize,
        width: o.width,
        height: o.height,
        shapeCrs: crsOf(o.coordCrs),
        dstCrs: crsOf(o.dstCrs),
      });
      return withPalette(reader, image);
    },
    point: async (source, lon, lat, o, ctx) => {
      const reader = await open(source, ctx);
      const { resampling: _r, reproject: _p, ...read } = readOptions(o, ctx);
      const values = await reader.point(lon, lat, { ...read, coordCrs: crsOf(o.coordCrs) });
      return { coordinates: values.coordinates, values: values.values, band_names: values.bandNames };
    },
    encode: async (image: RasterImage, o: EncodeOptions) => {
      let out: ImageData = image;
      if (o.rescale !== undefined && o.rescale.length > 0) out = rescale(image, o.rescale);
      else if (image.colormap !== undefined && image.bands.length === 1) out = applyColormap(image, image.colormap);
      return encodeImage(out, { format: o.format, addMask: o.addMask });
    },
  };
}

/** The raster engine's TileMatrixSets (morecantile's 13) as the routes see them. */
export function rasterTileMatrixSets(): TmsProvider {
  const cache = new Map<string, TmsInfo>();
  const make = (id: string): TmsInfo | undefined => {
    if (!tileMatrixSets().includes(id)) return undefined;
    const tms = getTileMatrixSet(id);
    const document = tms.toJSON();
    return {
      id,
      title: tms.title,
      crs: document.crs,
      proj4: tms.crs.proj4,
      tileMatrices: tms.tileMatrices,
      matrix: (zoom) => {
        if (!Number.isInteger(zoom) || zoom < 0) return undefined;
        try {
          return tms.matrix(zoom);
        } catch {
          return undefined;
        }
      },
      boundingBox: tms.bounds,
      document,
    };
  };
  return {
    ids: () => tileMatrixSets(),
    get: (id) => {
      const known = cache.get(id);
      if (known !== undefined) return known;
      const made = make(id);
      if (made !== undefined) cache.set(id, made);
      return made;
    },
  };
}
