import { getTiffTagSize, Tiff, type TiffImage, type Source as TiffSource, type TiffTagType } from '@cogeotiff/core';
import { AppError } from '@pqe/common';
import { sampleTypeOf } from '../decode/sample-type.js';
import type { BlockLayout, GeoTransform, SampleType, Source } from '../types.js';
import { BlockTable, type TableSource } from './block-table.js';
import { type CogLimits, DEFAULT_COG_LIMITS } from './cog-limits.js';
import { colormapToRgba } from './colormap.js';
import { GDAL_METADATA_TAG, GDAL_NODATA_TAG, parseGdalMetadata, parseGdalNodata } from './gdal-metadata.js';
import {
  GEO_ASCII_PARAMS_TAG,
  GEO_DOUBLE_PARAMS_TAG,
  GEO_KEY_DIRECTORY_TAG,
  type GeoKeys,
  GT_RASTER_TYPE_GEO_KEY,
  parseGeoKeys,
  RASTER_PIXEL_IS_POINT,
} from './geo-keys.js';
import { geotransformOf } from './geotransform.js';
import { HeaderReader } from './header-reader.js';
import { walkIfdChain } from './ifd-chain.js';

// Reads everything a COG's header says into plain data, checked against limits. @cogeotiff/core parses the
// IFDs; what it does not interpret (GDAL's tags, color maps, masks, strips) is read here.

const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageHeight: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  StripOffsets: 273,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  PlanarConfiguration: 284,
  Predictor: 317,
  ColorMap: 320,
  TileWidth: 322,
  TileHeight: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  JpegTables: 347,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  LercParameters: 50674,
} as const;

const SUBFILE_REDUCED = 1;
const SUBFILE_PAGE = 2;
const SUBFILE_MASK = 4;
const PHOTOMETRIC_PALETTE = 3;

/** One stored image (full resolution, overview or mask): its grid of blocks and where they lie. */
export interface CogImage {
  width: number;
  height: number;
  /** Block size: the tile size, or width x RowsPerStrip for strips. */
  blockWidth: number;
  blockHeight: number;
  tiled: boolean;
  blocksAcross: number;
  blocksDown: number;
  /** Planes stored apart: the band count when PlanarConfiguration is 2, else 1. */
  planes: number;
  layout: BlockLayout;
  table: BlockTable;
}

export interface CogBandInfo {
  description: string | undefined;
  scale: number | undefined;
  offset: number | undefined;
}

export interface CogHeader {
  url: string;
  /** The source's version when the header was read. */
  version: string | undefined;
  littleEndian: boolean;
  bigTiff: boolean;
  width: number;
  height: number;
  bandCount: number;
  sampleType: SampleType;
  photometric: number;
  planarConfiguration: number;
  geotransform: GeoTransform | undefined;
  geoKeys: GeoKeys;
  nodata: number | undefined;
  bands: CogBandInfo[];
  /** Dataset metadata items of GDAL's default domain. */
  metadata: Record<string, string>;
  /** RGBA palette, 4 bytes per entry, when the image is paletted. */
  colormap: Uint8Array | undefined;
  /** 0-based index of the alpha band (ExtraSamples 1 or 2). */
  alphaBand: number | undefined;
  extraSamples: number[];
  /** Level 0 is the full resolution, then the overviews from the largest. */
  levels: CogImage[];
  /** The internal mask of each level, when it has one. */
  masks: (CogImage | undefined)[];
  /** Memory the header holds (with its block tables loaded), for the header cache's budget. */
  estimatedBytes: number;
}

function bad(url: string, reason: string): AppError {
  return new AppError('BadRequest', `${url} is not a readable TIFF: ${reason}.`);
}

function numbers(value: unknown): number[] | undefined {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return undefined;
}

/** Reads a tag's value through @cogeotiff/core after checking its declared size. */
async function tagValue(image: TiffImage, id: number, url: string, limits: CogLimits): Promise<unknown> {
  const tag = image.tags.get(id);
  if (tag === undefined) return undefined;
  const bytes = tag.count * getTiffTagSize(tag.dataType);
  if (bytes > limits.maxTagBytes) throw bad(url, `tag ${id} declares ${bytes} bytes, more than ${limits.maxTagBytes}`);
  return image.fetch(id as keyof TiffTagType);
}

async function tagNumbers(image: TiffImage, id: number, url: string, limits: CogLimits): Promise<number[] | undefined> {
  return numbers(await tagValue(image, id, url, limits));
}

async function tagNumber(image: TiffImage, id: number, url: string, limits: CogLimits): Promise<number | undefined> {
  return (await tagNumbers(image, id, url, limits))?.[0];
}

function tableSource(image: TiffImage, id: number, url: string, limits: CogLimits): TableSource {
  const tag = image.tags.get(id);
  if (tag === undefined) throw bad(url, `an image has no ${id === TAG.TileOffsets || id === TAG.StripOffsets ? 'block offsets' : 'block byte counts'}`);
  if (tag.count > limits.maxBlocksPerImage) throw bad(url, `an image declares ${tag.count} blocks, more than ${limits.maxBlocksPerImage}`);
  if (tag.type === 'inline') return { values: Float64Array.from(numbers(tag.value) ?? []) };
  if (tag.type === 'offset' && tag.isLoaded) return { values: Float64Array.from(tag.value) };
  return { dataOffset: tag.dataOffset, dataType: tag.dataType, count: tag.count };
}

function checkSide(url: string, what: string, value: number | undefined, limits: CogLimits): number {
  if (value === undefined || !Number.isSafeInteger(value) || value < 1) throw bad(url, `its ${what} is ${value ?? 'missing'}`);
  if (value > limits.maxImageSide) throw bad(url, `its ${what} of ${value} pixels is more than the ${limits.maxImageSide} this server reads`);
  return value;
}

function uniform(url: string, what: string, values: number[], samples: number): number {
  const first = values[0] as number;
  if (values.length !== 1 && values.length !== samples) throw bad(url, `it gives ${values.length} ${what} values for ${samples} samples`);
  if (values.some((v) => v !== first)) throw new AppError('BadRequest', `${url} has bands of different ${what}, which is not supported.`);
  return first;
}

interface ImageInfo {
  image: CogImage;
  subfileType: number;
  bitsPerSample: number;
  sampleFormat: number;
  samplesPerPixel: number;
}

async function readImage(tiffImage: TiffImage, url: string, littleEndian: boolean, limits: CogLimits): Promise<ImageInfo> {
  const get = (id: number) => tagNumber(tiffImage, id, url, limits);
  const subfileType = (await get(TAG.NewSubfileType)) ?? 0;
  const width = checkSide(url, 'width', await get(TAG.ImageWidth), limits);
  const height = checkSide(url, 'height', await get(TAG.ImageHeight), limits);
  const samplesPerPixel = (await get(TAG.SamplesPerPixel)) ?? 1;
  if (!Number.isSafeInteger(samplesPerPixel) || samplesPerPixel < 1 || samplesPerPixel > limits.maxBands) {
    throw bad(url, `it declares ${samplesPerPixel} samples per pixel (at most ${limits.maxBands} are read)`);
  }
  const bitsPerSample = uniform(url, 'bits per sample', (await tagNumbers(tiffImage, TAG.BitsPerSample, url, limits)) ?? [1], samplesPerPixel);
  const sampleFormat = uniform(url, 'sample formats', (await tagNumbers(tiffImage, TAG.SampleFormat, url, limits)) ?? [1], samplesPerPixel);
  if (![1, 8, 16, 32, 64].includes(bitsPerSample)) throw new AppError('BadRequest', `${url} has ${bitsPerSample}-bit samples, which are not supported.`);
  const planarConfiguration = (await get(TAG.PlanarConfiguration)) ?? 1;
  const tiled = tiffImage.tags.has(TAG.TileWidth);
  const blockWidth = tiled ? checkSide(url, 'tile width', await get(TAG.TileWidth), limits) : width;
  const blockHeight = tiled ? checkSide(url, 'tile height', await get(TAG.TileHeight), limits) : Math.min(height, (await get(TAG.RowsPerStrip)) ?? height);
  checkSide(url, 'strip height', blockHeight, limits);
  const samplesPerBlock = planarConfiguration === 2 ? 1 : samplesPerPixel;
  const blockBytes = bitsPerSample === 1 ? Math.ceil(blockWidth / 8) * blockHeight : blockWidth * blockHeight * samplesPerBlock * (bitsPerSample / 8);
  if (blockBytes > limits.maxBlockBytes) throw bad(url, `its blocks of ${blockBytes} bytes are larger than the ${limits.maxBlockBytes} this server decodes`);
  const blocksAcross = Math.ceil(width / blockWidth);
  const blocksDown = Math.ceil(height / blockHeight);
  const planes = planarConfiguration === 2 ? samplesPerPixel : 1;
  if (blocksAcross * blocksDown * planes > limits.maxBlocksPerImage) {
    throw bad(url, `an image has ${blocksAcross * blocksDown * planes} blocks, more than the ${limits.maxBlocksPerImage} this server reads`);
  }
  const compression = (await get(TAG.Compression)) ?? 1;
  const jpegTables = compression === 7 ? numbers(await tagValue(tiffImage, TAG.JpegTables, url, limits)) : undefined;
  const lercParameters = compression === 34887 ? await tagNumbers(tiffImage, TAG.LercParameters, url, limits) : undefined;
  const layout: BlockLayout = {
    compression,
    predictor: (await get(TAG.Predictor)) ?? 1,
    width: blockWidth,
    height: blockHeight,
    samplesPerPixel: samplesPerBlock,
    bitsPerSample,
    sampleFormat,
    littleEndian,
    photometric: (await get(TAG.Photometric)) ?? 1,
    jpegTables: jpegTables === undefined ? undefined : Uint8Array.from(jpegTables),
    lercParameters,
  };
  const table = new BlockTable(
    tableSource(tiffImage, tiled ? TAG.TileOffsets : TAG.StripOffsets, url, limits),
    tableSource(tiffImage, tiled ? TAG.TileByteCounts : TAG.StripByteCounts, url, limits),
    littleEndian,
  );
  return {
    image: { width, height, blockWidth, blockHeight, tiled, blocksAcross, blocksDown, planes, layout, table },
    subfileType,
    bitsPerSample,
    sampleFormat,
    samplesPerPixel,
  };
}

/** Presents a HeaderReader as the source @cogeotiff/core reads from. */
function tiffSourceOf(reader: HeaderReader, url: string): TiffSource {
  let href: URL;
  try {
    href = new URL(url);
  } catch {
    href = new URL(`file://${url.startsWith('/') ? '' : '/'}${encodeURI(url)}`);
  }
  return {
    url: href,
    async fetch(offset: number, length?: number): Promise<ArrayBuffer> {
      if (length === undefined) throw bad(url, 'a read of unknown length was asked');
      const bytes = await reader.read(offset, length);
      // The parser views whole buffers: hand it one of exactly these bytes.
      return bytes.slice().buffer;
    },
  };
}

/**
 * Reads and checks the header of the TIFF in `source`.
 * @throws AppError BadRequest when it is not a TIFF, is damaged, or declares more than `limits` allow.
 */
export async function readCogHeader(source: Source, limits: CogLimits = DEFAULT_COG_LIMITS, signal?: AbortSignal): Promise<CogHeader> {
  const url = source.url;
  const reader = new HeaderReader(source, limits.headerReadSize, limits.maxHeaderBytes, signal);
  const chain = await walkIfdChain(reader, url, limits);
  let tiff: Tiff;
  try {
    tiff = await Tiff.create(tiffSourceOf(reader, url), { defaultReadSize: limits.headerReadSize });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BadRequest', `${url} is not a readable TIFF: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  try {
    return await interpret(tiff, source, chain.bigTiff, limits);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BadRequest', `${url} is not a readable TIFF: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
}

async function interpret(tiff: Tiff, source: Source, bigTiff: boolean, limits: CogLimits): Promise<CogHeader> {
  const url = source.url;
  const littleEndian = tiff.isLittleEndian;
  const first = tiff.images[0];
  if (first === undefined) throw bad(url, 'it has no image');
  const main = await readImage(first, url, littleEndian, limits);
  if ((main.subfileType & (SUBFILE_REDUCED | SUBFILE_MASK)) !== 0) throw bad(url, 'its first image is an overview or a mask');
  let sampleType: SampleType;
  try {
    sampleType = sampleTypeOf(main.bitsPerSample, main.sampleFormat);
  } catch (error) {
    throw new AppError('BadRequest', `${url} cannot be read: ${(error as Error).message}.`);
  }

  const overviews: CogImage[] = [];
  const maskImages: CogImage[] = [];
  for (const tiffImage of tiff.images.slice(1)) {
    const info = await readImage(tiffImage, url, littleEndian, limits);
    if ((info.subfileType & SUBFILE_MASK) !== 0) {
      maskImages.push(info.image);
    } else if ((info.subfileType & SUBFILE_REDUCED) === 0 || (info.subfileType & SUBFILE_PAGE) !== 0) {
      break; // another page: neither it nor what follows belongs to this image
    } else if (
      info.samplesPerPixel === main.samplesPerPixel &&
      info.bitsPerSample === main.bitsPerSample &&
      info.sampleFormat === main.sampleFormat &&
      info.image.width < main.image.width
    ) {
      overviews.push(info.image);
    }
  }
  overviews.sort((a, b) => b.width - a.width || b.height - a.height);
  const levels = [main.image, ...overviews];
  const masks = levels.map((level) => maskImages.find((mask) => mask.width === level.width && mask.height === level.height));

  const geoKeys = parseGeoKeys(
    numbers(first.value(GEO_KEY_DIRECTORY_TAG as keyof TiffTagType)) ?? [],
    numbers(first.value(GEO_DOUBLE_PARAMS_TAG as keyof TiffTagType)) ?? [],
    String(first.value(GEO_ASCII_PARAMS_TAG as keyof TiffTagType) ?? ''),
  );
  const geotransform = geotransformOf(
    numbers(await tagValue(first, TAG.ModelTransformation, url, limits)),
    numbers(await tagValue(first, TAG.ModelPixelScale, url, limits)),
    numbers(await tagValue(first, TAG.ModelTiepoint, url, limits)),
    geoKeys[GT_RASTER_TYPE_GEO_KEY] === RASTER_PIXEL_IS_POINT,
  );

  const nodataText = await tagValue(first, GDAL_NODATA_TAG, url, limits);
  const metadataXml = await tagValue(first, GDAL_METADATA_TAG, url, limits);
  const gdal = parseGdalMetadata(typeof metadataXml === 'string' ? metadataXml : '');
  const bandCount = main.samplesPerPixel;
  const bands: CogBandInfo[] = Array.from({ length: bandCount }, (_, i) => {
    const band = gdal.bands.get(i);
    return { description: band?.description, scale: band?.scale, offset: band?.offset };
  });

  const photometric = main.image.layout.photometric;
  const colormap =
    photometric === PHOTOMETRIC_PALETTE ? colormapToRgba(numbers(await tagValue(first, TAG.ColorMap, url, limits)) ?? [], main.bitsPerSample) : undefined;
  const extraSamples = numbers(await tagValue(first, TAG.ExtraSamples, url, limits)) ?? [];
  const alphaIndex = extraSamples.findIndex((kind) => kind === 1 || kind === 2);
  const alphaBand = alphaIndex < 0 ? undefined : bandCount - extraSamples.length + alphaIndex;

  const header: CogHeader = {
    url,
    version: source.version(),
    littleEndian,
    bigTiff,
    width: main.image.width,
    height: main.image.height,
    bandCount,
    sampleType,
    photometric,
    planarConfiguration: main.image.planes > 1 ? 2 : 1,
    geotransform,
    geoKeys,
    nodata: typeof nodataText === 'string' ? parseGdalNodata(nodataText) : undefined,
    bands,
    metadata: gdal.dataset,
    colormap,
    alphaBand: alphaBand !== undefined && alphaBand >= 0 ? alphaBand : undefined,
    extraSamples,
    levels,
    masks,
    estimatedBytes: 0,
  };
  header.estimatedBytes =
    4096 +
    (metadataXml === undefined ? 0 : String(metadataXml).length * 2) +
    (colormap?.byteLength ?? 0) +
    [...levels, ...maskImages].reduce((sum, image) => sum + 512 + image.table.estimatedBytes, 0);
  return header;
}
