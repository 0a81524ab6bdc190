// Turns a rendered tile (or preview, crop...) into the bytes of an output format, with titiler 0.18's rules
// (titiler.core.utils.render_image + rio_tiler.utils.render):
// - no format asked: JPEG when every pixel is valid, else PNG;
// - PNG keeps uint8 and uint16 (16-bit PNG, the mask then stretched to 0..65535); any other type, and anything
//   but uint8 for JPEG / WebP, is stretched to uint8 from the dataset statistics or the type's range
//   (rescale-to-byte.ts); "pngraw" is PNG at zlib level 1 without that stretch;
// - the mask becomes an alpha channel (PNG, WebP) unless `addMask` is false; JPEG never has one. titiler always
//   has a mask, all 255 when nothing is masked, so an explicit PNG of a full tile still has an alpha channel;
// - WebP of one band is written as RGB with the band three times;
// - npy: the (bands [+ mask], height, width) array (npy.ts); tif: a GeoTIFF with the mask as a last alpha band
//   of the data's type (titiler's GTiff output), here tiled and deflate-compressed.
// Band counts follow GDAL's drivers: PNG takes 1 to 4 channels (bands + alpha), JPEG 1 or 3, WebP 3 or 4.
// Pixels are pixel-interleaved (all bands of a pixel together), as decoded blocks and sharp's raw input are.
import { AppError } from '@pqe/common';
import type { GeoTransform, SampleType, TypedArray } from '../types.js';
import type { GeoTiffCrs } from '../writer/geo-tags.js';
import { writeGeoTiff } from '../writer/geotiff-writer.js';
import { newSampleArray, sampleRange, sampleTypeOf } from '../writer/sample-arrays.js';
import { type ImageFormat, mediaTypes, profiles } from './formats.js';
import { encodeTileNpy } from './npy.js';
import { type Range, rescaleToUint8 } from './rescale-to-byte.js';
import { type Channels, encodeJpeg, encodePng, encodeWebp } from './sharp-encoders.js';

export interface RenderedImage {
  /** `width * height * bands` samples, pixel-interleaved. */
  data: TypedArray;
  width: number;
  height: number;
  bands: number;
  /** One byte per pixel: 0 masked, 255 valid. Absent means every pixel is valid. */
  mask?: Uint8Array | undefined;
}

export interface RenderOptions {
  /** Absent: JPEG when no pixel is masked, else PNG. */
  format?: ImageFormat | undefined;
  /** titiler's return_mask (default true): write the mask as alpha / extra band. */
  addMask?: boolean | undefined;
  /** Dataset statistics ([min, max] per band, or one for all) used instead of the type's range when stretching. */
  inRanges?: readonly Range[] | undefined;
  /** For tif. */
  geotransform?: GeoTransform | undefined;
  crs?: GeoTiffCrs | undefined;
}

export interface EncodedImage {
  body: Uint8Array;
  format: ImageFormat;
  mediaType: string;
}

/** Largest output image side: bounds the work a request can ask of the encoders. */
const maxSide = 8192;

export async function renderImage(image: RenderedImage, options: RenderOptions = {}): Promise<EncodedImage> {
  const { data, width, height, bands } = checkImage(image);
  const mask = image.mask ?? new Uint8Array(width * height).fill(255);
  const format = options.format ?? (mask.every((m) => m !== 0) ? 'jpeg' : 'png');
  const alpha = (options.addMask ?? true) ? mask : undefined;
  const type = sampleTypeOf(data);
  const ranges = options.inRanges ?? [sampleRange[type]];
  const body = await encode(format, { data, width, height, bands, mask }, type, alpha, ranges, options);
  return { body, format, mediaType: mediaTypes[format] };
}

function checkImage(image: RenderedImage): RenderedImage {
  const { data, width, height, bands, mask } = image;
  const ok = (n: number, max: number) => Number.isInteger(n) && n > 0 && n <= max;
  if (!ok(width, maxSide) || !ok(height, maxSide) || !ok(bands, 1024)) {
    throw new AppError('InvalidParameter', `An image of ${width}x${height} pixels and ${bands} bands cannot be encoded (at most ${maxSide} pixels a side).`);
  }
  if (data.length !== width * height * bands || (mask && mask.length !== width * height)) {
    throw new AppError('InvalidParameter', `The image arrays do not hold ${width}x${height} pixels of ${bands} bands.`);
  }
  return image;
}

async function encode(
  format: ImageFormat,
  image: Required<RenderedImage>,
  type: SampleType,
  alpha: Uint8Array | undefined,
  ranges: readonly Range[],
  options: RenderOptions,
): Promise<Uint8Array> {
  const { width, height, bands } = image;
  switch (format) {
    case 'npy':
      return encodeTileNpy(image.data, width, height, bands, alpha);
    case 'tif':
      return encodeTif(image, type, alpha, options);
    case 'png':
    case 'pngraw': {
      let pixels: Uint8Array | Uint16Array;
      if (type === 'uint8' || type === 'uint16') pixels = image.data as Uint8Array | Uint16Array;
      else if (format === 'png') pixels = rescaleToUint8(image.data, bands, image.mask, ranges);
      else throw new AppError('InvalidParameter', `pngraw holds uint8 or uint16 samples, not ${type}: rescale the data or ask for png.`);
      const level = format === 'png' ? profiles.pngLevel : profiles.pngRawLevel;
      // A 16-bit PNG's alpha must span 0..65535: the mask's 255 becomes 65535.
      const withAlpha = interleaveAlpha(pixels, bands, alpha, pixels instanceof Uint16Array ? 257 : 1);
      return encodePng(withAlpha, width, height, channelsFor('PNG', withAlpha.length / (width * height), [1, 2, 3, 4]), level);
    }
    case 'jpeg':
    case 'jpg': {
      const pixels = type === 'uint8' ? (image.data as Uint8Array) : rescaleToUint8(image.data, bands, image.mask, ranges);
      return encodeJpeg(pixels, width, height, channelsFor('JPEG', bands, [1, 3]) as 1 | 3, profiles.jpegQuality);
    }
    case 'webp': {
      let pixels = type === 'uint8' ? (image.data as Uint8Array) : rescaleToUint8(image.data, bands, image.mask, ranges);
      let count = bands;
      if (bands === 1) {
        pixels = repeatBand(pixels, 3);
        count = 3;
      }
      const withAlpha = interleaveAlpha(pixels, count, alpha, 1) as Uint8Array;
      return encodeWebp(withAlpha, width, height, channelsFor('WebP', count + (alpha ? 1 : 0), [3, 4]) as 3 | 4, profiles.webpQuality);
    }
  }
}

function channelsFor(driver: string, channels: number, allowed: readonly Channels[]): Channels {
  if (!(allowed as readonly number[]).includes(channels)) {
    throw new AppError(
      'InvalidParameter',
      `${driver} cannot hold ${channels} channels (bands plus alpha): it takes ${allowed.join(' or ')}; select bands with bidx.`,
    );
  }
  return channels as Channels;
}

/** The samples with the mask (times `alphaScale`) as one more channel, or the samples themselves without one. */
function interleaveAlpha(pixels: Uint8Array | Uint16Array, bands: number, alpha: Uint8Array | undefined, alphaScale: number): Uint8Array | Uint16Array {
  if (!alpha) return pixels;
  const out = pixels instanceof Uint16Array ? new Uint16Array(alpha.length * (bands + 1)) : new Uint8Array(alpha.length * (bands + 1));
  for (let p = 0; p < alpha.length; p++) {
    const o = p * (bands + 1);
    for (let b = 0; b < bands; b++) out[o + b] = pixels[p * bands + b] ?? 0;
    out[o + bands] = (alpha[p] ?? 0) * alphaScale;
  }
  return out;
}

function repeatBand(pixels: Uint8Array, times: number): Uint8Array {
  const out = new Uint8Array(pixels.length * times);
  for (let p = 0; p < pixels.length; p++) out.fill(pixels[p] ?? 0, p * times, p * times + times);
  return out;
}

async function encodeTif(image: Required<RenderedImage>, type: SampleType, alpha: Uint8Array | undefined, options: RenderOptions): Promise<Uint8Array> {
  const { width, height, bands } = image;
  let data = image.data;
  if (alpha) {
    data = newSampleArray(type, width * height * (bands + 1));
    for (let p = 0; p < alpha.length; p++) {
      for (let b = 0; b < bands; b++) data[p * (bands + 1) + b] = image.data[p * bands + b] ?? 0;
      data[p * (bands + 1) + bands] = alpha[p] ?? 0;
    }
  }
  return writeGeoTiff({
    width,
    height,
    bands: bands + (alpha ? 1 : 0),
    sampleType: type,
    data,
    alpha: alpha !== undefined,
    tileSize: Math.max(width, height) <= 256 ? 256 : 512,
    ...(options.geotransform ? { geotransform: options.geotransform } : {}),
    ...(options.crs ? { crs: options.crs } : {}),
  });
}
