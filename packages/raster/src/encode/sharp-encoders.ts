// PNG, JPEG and WebP through sharp (libvips: libpng + zlib-ng, libjpeg-turbo, libwebp), from pixel-interleaved
// samples. Channel counts mean what GDAL's drivers make of band counts: 1 grey, 2 grey + alpha, 3 RGB, 4 RGB + alpha.
import sharp from 'sharp';

export type Channels = 1 | 2 | 3 | 4;

/**
 * Process-wide sharp settings, called once by whoever wires the server. One libvips thread per image: a tiler
 * gets its parallelism from concurrent requests on libuv's pool, and more threads per small tile only add
 * contention. sharp's cache holds decoded files, of no use for in-memory tiles.
 */
export function configureSharp(options: { concurrency?: number } = {}): void {
  sharp.concurrency(options.concurrency ?? 1);
  sharp.cache(false);
}

function raw(pixels: Uint8Array | Uint16Array, width: number, height: number, channels: Channels) {
  return sharp(pixels, { raw: { width, height, channels } });
}

async function bytes(pipeline: sharp.Sharp): Promise<Uint8Array> {
  const buffer = await pipeline.toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** 8-bit PNG from Uint8Array, 16-bit PNG from Uint16Array; `level` is the zlib level (no adaptive filtering). */
export function encodePng(pixels: Uint8Array | Uint16Array, width: number, height: number, channels: Channels, level: number): Promise<Uint8Array> {
  let pipeline = raw(pixels, width, height, channels);
  // Without an explicit colour space libvips writes grey as RGB(A) and 16-bit as 8-bit.
  if (pixels instanceof Uint16Array) pipeline = pipeline.toColourspace(channels <= 2 ? 'grey16' : 'rgb16');
  else if (channels <= 2) pipeline = pipeline.toColourspace('b-w');
  return bytes(pipeline.png({ compressionLevel: level, adaptiveFiltering: false, palette: false }));
}

/** Baseline JPEG, 4:2:0 chroma subsampling (libjpeg's default, as GDAL's JPEG driver writes). */
export function encodeJpeg(pixels: Uint8Array, width: number, height: number, channels: 1 | 3, quality: number): Promise<Uint8Array> {
  return bytes(raw(pixels, width, height, channels).jpeg({ quality, chromaSubsampling: '4:2:0' }));
}

/** Lossy WebP; the alpha channel, when there is one, is kept losslessly (alphaQuality 100). */
export function encodeWebp(pixels: Uint8Array, width: number, height: number, channels: 3 | 4, quality: number): Promise<Uint8Array> {
  return bytes(raw(pixels, width, height, channels).webp({ quality, lossless: false, alphaQuality: 100 }));
}
