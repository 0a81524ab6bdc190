// Writes a raster held in memory as a Cloud-Optimized GeoTIFF (classic TIFF, tiled, pixel-interleaved), with
// optional internal overviews, internal transparency mask, palette, nodata, band descriptions and scale/offset.
// The bytes are laid out by cog-layout.ts; tiles are compressed on libuv's thread pool.
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { AppError } from '@pqe/common';
import type { GeoTransform, SampleType, TypedArray } from '../types.js';
import { assembleCog, type PlannedImage, type PlannedLevel } from './cog-layout.js';
import { type BandMetadata, checkBandMetadata, gdalMetadataXml, gdalNodataText } from './gdal-metadata.js';
import { checkCrs, checkGeoTransform, type GeoTiffCrs, geoTags } from './geo-tags.js';
import { asciiValues, type IfdEntry } from './ifd.js';
import { halveLevel, type Level, type OverviewResampling, overviewCount } from './overviews.js';
import { floatingPointDifference, horizontalDifference } from './predictor.js';
import { holdsSampleType } from './sample-arrays.js';
import { Compression, ExtraSample, FieldType, isFloat, Photometric, Predictor, SubfileType, sampleLayout, Tag } from './tiff-constants.js';
import { extractMaskTile, extractTile, tileGrid } from './tiles.js';

export type { GeoTiffCrs } from './geo-tags.js';
export type { OverviewResampling } from './overviews.js';

export interface GeoTiffOptions {
  width: number;
  height: number;
  bands: number;
  sampleType: SampleType;
  /** `width * height * bands` samples, pixel-interleaved (all bands of a pixel together), rows top to bottom. */
  data: TypedArray;
  /** GDAL order: x = gt[0] + col*gt[1] + row*gt[2], y = gt[3] + col*gt[4] + row*gt[5]; pixel corners. */
  geotransform?: GeoTransform;
  crs?: GeoTiffCrs;
  nodata?: number;
  /** One byte per pixel, 0 = no data, 255 = valid; written as an internal 1-bit mask, as GDAL writes masks. */
  mask?: Uint8Array;
  /** The last band is an alpha band (ExtraSamples = unassociated alpha), as GDAL marks ColorInterp=Alpha. */
  alpha?: boolean;
  /** 'deflate' (default) or 'none'. */
  compression?: 'deflate' | 'none';
  /** With deflate: horizontal differencing for integers, the floating-point predictor for floats (default true). */
  predictor?: boolean;
  /** zlib level, 1 (fast) to 9 (small); default 6. */
  deflateLevel?: number;
  /** Tile width and height in pixels, a multiple of 16; default 512 as GDAL's COG driver. */
  tileSize?: number;
  /** Adds reduced-resolution levels, each half the previous, until the image fits one tile. */
  overviews?: boolean;
  /** Default 'nearest' with a colormap (categories must not be blended), else 'average'. */
  overviewResampling?: OverviewResampling;
  /** A palette for single-band uint8 data: entry i is the [red, green, blue] (0-255) of value i; at most 256. */
  colormap?: ReadonlyArray<readonly [number, number, number]>;
  bandDescriptions?: readonly string[];
  /** Per band; GDAL's unscaled value = raw * scale + offset. */
  scale?: readonly number[];
  offset?: readonly number[];
}

const maxBands = 1024;
const maxTileSize = 4096;
/** Tiles being compressed at once: libuv's default thread-pool size. */
const deflateConcurrency = 4;
const deflateAsync = promisify(deflate);

export async function writeGeoTiff(options: GeoTiffOptions): Promise<Uint8Array> {
  const opts = checkOptions(options);
  const levels: Level[] = [{ width: opts.width, height: opts.height, data: opts.data, mask: opts.mask }];
  if (opts.overviews) {
    const resampling = opts.overviewResampling ?? (opts.colormap ? 'nearest' : 'average');
    const count = overviewCount(opts.width, opts.height, opts.tileSize);
    for (let i = 0; i < count; i++) {
      const prev = levels[levels.length - 1] as Level;
      levels.push(halveLevel(prev, opts.bands, resampling, opts.nodata));
    }
  }
  const planned: PlannedLevel[] = [];
  for (const [index, level] of levels.entries()) {
    const image: PlannedImage = { entries: imageEntries(opts, level, index), tiles: await imageTiles(opts, level) };
    const mask = level.mask ? { entries: maskEntries(opts, level, index), tiles: await maskTiles(opts, level, level.mask) } : undefined;
    planned.push({ image, mask });
  }
  return assembleCog(planned);
}

type CheckedOptions = GeoTiffOptions & { tileSize: number; compression: 'deflate' | 'none'; deflateLevel: number; predictor: boolean };

function checkOptions(o: GeoTiffOptions): CheckedOptions {
  const bad = (message: string): never => {
    throw new AppError('InvalidParameter', message);
  };
  const positive = (n: number) => Number.isInteger(n) && n > 0;
  if (!positive(o.width) || !positive(o.height)) bad(`The raster size ${o.width}x${o.height} must be positive integers.`);
  if (!positive(o.bands) || o.bands > maxBands) bad(`The band count ${o.bands} must be an integer from 1 to ${maxBands}.`);
  if (!(o.sampleType in sampleLayout)) bad(`Unknown sample type ${String(o.sampleType)}.`);
  if (!holdsSampleType(o.data, o.sampleType)) bad(`The data array does not hold ${o.sampleType} samples.`);
  if (o.data.length !== o.width * o.height * o.bands) {
    bad(`The data holds ${o.data.length} samples; ${o.width}x${o.height} pixels of ${o.bands} bands need ${o.width * o.height * o.bands}.`);
  }
  if (o.mask && o.mask.length !== o.width * o.height) bad(`The mask holds ${o.mask.length} bytes; ${o.width}x${o.height} pixels need ${o.width * o.height}.`);
  const tileSize = o.tileSize ?? 512;
  if (!positive(tileSize) || tileSize % 16 !== 0 || tileSize > maxTileSize) bad(`The tile size ${tileSize} must be a multiple of 16 up to ${maxTileSize}.`);
  const deflateLevel = o.deflateLevel ?? 6;
  if (!Number.isInteger(deflateLevel) || deflateLevel < 1 || deflateLevel > 9) bad(`The deflate level ${deflateLevel} must be an integer from 1 to 9.`);
  if (o.geotransform) checkGeoTransform(o.geotransform);
  if (o.crs) checkCrs(o.crs);
  if (o.nodata !== undefined) gdalNodataText(o.nodata, o.sampleType);
  if (o.alpha && o.bands < 2) bad('An alpha band needs at least one other band.');
  if (o.colormap) {
    if (o.bands !== 1 || o.sampleType !== 'uint8') bad('A colormap needs a single band of uint8 samples.');
    if (o.colormap.length > 256) bad(`The colormap has ${o.colormap.length} entries; uint8 values need at most 256.`);
    for (const c of o.colormap) {
      if (c.length !== 3 || !c.every((v) => Number.isInteger(v) && v >= 0 && v <= 255))
        bad('Colormap entries must be [red, green, blue] integers from 0 to 255.');
    }
  }
  for (const [name, list] of [
    ['bandDescriptions', o.bandDescriptions],
    ['scale', o.scale],
    ['offset', o.offset],
  ] as const) {
    if (list && list.length !== o.bands) bad(`${name} has ${list.length} entries for ${o.bands} bands.`);
  }
  bandMetadata(o).forEach(checkBandMetadata);
  return { ...o, tileSize, deflateLevel, compression: o.compression ?? 'deflate', predictor: o.predictor ?? true };
}

function bandMetadata(o: GeoTiffOptions): BandMetadata[] {
  return Array.from({ length: o.bands }, (_, i) => ({ description: o.bandDescriptions?.[i], scale: o.scale?.[i], offset: o.offset?.[i] }));
}

function predictorOf(o: CheckedOptions): number {
  if (o.compression !== 'deflate' || !o.predictor) return Predictor.None;
  return isFloat(o.sampleType) ? Predictor.FloatingPoint : Predictor.Horizontal;
}

function sizeEntries(level: Level): IfdEntry[] {
  const type = Math.max(level.width, level.height) > 0xffff ? FieldType.LONG : FieldType.SHORT;
  return [
    { tag: Tag.ImageWidth, type, values: [level.width] },
    { tag: Tag.ImageLength, type, values: [level.height] },
  ];
}

function imageEntries(o: CheckedOptions, level: Level, index: number): IfdEntry[] {
  const { bits, format } = sampleLayout[o.sampleType];
  const rgb = !o.colormap && o.sampleType === 'uint8' && o.bands >= 3;
  const photometric = o.colormap ? Photometric.Palette : rgb ? Photometric.Rgb : Photometric.MinIsBlack;
  const extraCount = o.bands - (rgb ? 3 : 1);
  const entries: IfdEntry[] = [
    ...sizeEntries(level),
    { tag: Tag.BitsPerSample, type: FieldType.SHORT, values: new Array(o.bands).fill(bits) },
    { tag: Tag.Compression, type: FieldType.SHORT, values: [o.compression === 'deflate' ? Compression.Deflate : Compression.None] },
    { tag: Tag.Photometric, type: FieldType.SHORT, values: [photometric] },
    { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, values: [o.bands] },
    { tag: Tag.PlanarConfiguration, type: FieldType.SHORT, values: [1] },
    { tag: Tag.TileWidth, type: FieldType.SHORT, values: [o.tileSize] },
    { tag: Tag.TileLength, type: FieldType.SHORT, values: [o.tileSize] },
    { tag: Tag.SampleFormat, type: FieldType.SHORT, values: new Array(o.bands).fill(format) },
  ];
  if (index > 0) entries.push({ tag: Tag.NewSubfileType, type: FieldType.LONG, values: [SubfileType.Overview] });
  const predictor = predictorOf(o);
  if (predictor !== Predictor.None) entries.push({ tag: Tag.Predictor, type: FieldType.SHORT, values: [predictor] });
  if (o.colormap) entries.push({ tag: Tag.ColorMap, type: FieldType.SHORT, values: colorMapValues(o.colormap) });
  if (extraCount > 0) {
    const extras = new Array<number>(extraCount).fill(ExtraSample.Unspecified);
    if (o.alpha) extras[extraCount - 1] = ExtraSample.UnassociatedAlpha;
    entries.push({ tag: Tag.ExtraSamples, type: FieldType.SHORT, values: extras });
  }
  if (index === 0) {
    if (o.geotransform) entries.push(...geoTags(o.geotransform, o.crs));
    const xml = gdalMetadataXml(bandMetadata(o));
    if (xml) entries.push({ tag: Tag.GdalMetadata, type: FieldType.ASCII, values: asciiValues(xml) });
  }
  if (o.nodata !== undefined) entries.push({ tag: Tag.GdalNodata, type: FieldType.ASCII, values: asciiValues(gdalNodataText(o.nodata, o.sampleType)) });
  return entries;
}

function maskEntries(o: CheckedOptions, level: Level, index: number): IfdEntry[] {
  return [
    { tag: Tag.NewSubfileType, type: FieldType.LONG, values: [SubfileType.Mask | (index > 0 ? SubfileType.Overview : 0)] },
    ...sizeEntries(level),
    { tag: Tag.BitsPerSample, type: FieldType.SHORT, values: [1] },
    { tag: Tag.Compression, type: FieldType.SHORT, values: [o.compression === 'deflate' ? Compression.Deflate : Compression.None] },
    { tag: Tag.Photometric, type: FieldType.SHORT, values: [Photometric.Mask] },
    { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, values: [1] },
    { tag: Tag.PlanarConfiguration, type: FieldType.SHORT, values: [1] },
    { tag: Tag.TileWidth, type: FieldType.SHORT, values: [o.tileSize] },
    { tag: Tag.TileLength, type: FieldType.SHORT, values: [o.tileSize] },
    { tag: Tag.SampleFormat, type: FieldType.SHORT, values: [1] },
  ];
}

/** TIFF ColorMap: all reds, then all greens, then all blues, 16-bit (GDAL reads value / 257 back as 8-bit). */
function colorMapValues(colormap: ReadonlyArray<readonly [number, number, number]>): number[] {
  const values = new Array<number>(3 * 256).fill(0);
  colormap.forEach(([r, g, b], i) => {
    values[i] = r * 257;
    values[256 + i] = g * 257;
    values[512 + i] = b * 257;
  });
  return values;
}

function imageTiles(o: CheckedOptions, level: Level): Promise<Uint8Array[]> {
  const { across, down } = tileGrid(level.width, level.height, o.tileSize);
  const predictor = predictorOf(o);
  return mapLimited(across * down, (i) => {
    const tile = extractTile(level, o.bands, o.tileSize, i % across, Math.floor(i / across), o.nodata ?? 0);
    let bytes: Uint8Array;
    if (predictor === Predictor.FloatingPoint) bytes = floatingPointDifference(tile as Float32Array | Float64Array, o.tileSize, o.bands);
    else {
      if (predictor === Predictor.Horizontal) horizontalDifference(tile, o.tileSize, o.bands);
      // TIFF is written little endian, the byte order of every platform Node runs on.
      bytes = new Uint8Array(tile.buffer, tile.byteOffset, tile.byteLength);
    }
    return compress(o, bytes);
  });
}

function maskTiles(o: CheckedOptions, level: Level, mask: Uint8Array): Promise<Uint8Array[]> {
  const { across, down } = tileGrid(level.width, level.height, o.tileSize);
  return mapLimited(across * down, (i) => compress(o, extractMaskTile(mask, level.width, level.height, o.tileSize, i % across, Math.floor(i / across))));
}

async function compress(o: CheckedOptions, bytes: Uint8Array): Promise<Uint8Array> {
  if (o.compression === 'none') return bytes;
  const out = await deflateAsync(bytes, { level: o.deflateLevel });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Runs `job(0..count-1)` with at most `deflateConcurrency` running, keeping results in order. */
async function mapLimited<T>(count: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deflateConcurrency, count) }, worker));
  return results;
}
