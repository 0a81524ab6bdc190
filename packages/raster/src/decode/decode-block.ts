import { throwIfAborted } from '@pqe/common';
import type { BlockLayout, DecodedBlock, SampleType, TypedArray } from '../types.js';
import { BlockDecodeError, MAX_DECODED_BLOCK_BYTES, MAX_SAMPLES_PER_PIXEL } from './block-decode-error.js';
import { nativeLittleEndian, swapBytes } from './byte-order.js';
import { inflateBlock } from './deflate.js';
import { decodeJpegBaseline } from './jpeg-baseline.js';
import { completeJpegStream } from './jpeg-stream.js';
import { decodeLerc } from './lerc.js';
import { decodeLzw } from './lzw.js';
import { decodePackBits } from './packbits.js';
import { undoFloatingPointPredictor, undoHorizontalPredictor } from './predictor.js';
import { bytesPerSample, sampleTypeOf, typedArrayOver } from './sample-type.js';
import { decodeWithSharp } from './sharp-decode.js';
import { unpackBits } from './unpack-bits.js';
import { decompressZstd } from './zstd.js';

const PHOTOMETRIC_YCBCR = 6;

/** The TIFF compressions decodeBlock reads, by their Compression tag value. */
export const supportedCompressions = {
  1: 'none',
  5: 'LZW',
  7: 'JPEG',
  8: 'deflate',
  32773: 'PackBits',
  32946: 'deflate',
  34887: 'LERC',
  50000: 'ZSTD',
  50001: 'WebP',
} as const satisfies Record<number, string>;

/**
 * Decodes the bytes of one stored TIFF block (tile or strip) into `width * height * samplesPerPixel` samples,
 * pixel-interleaved, in the machine's byte order, typed by `sampleTypeOf(bitsPerSample, sampleFormat)`; 1-bit
 * samples come out as 0 / 255 bytes. `bytes` is not modified. Corrupt or truncated data, a block that decodes to more
 * or fewer bytes than the layout says, a block bigger than MAX_DECODED_BLOCK_BYTES and an unknown compression reject
 * with a BlockDecodeError; a signal that aborts rejects with the abort's AppError.
 */
export async function decodeBlock(bytes: Uint8Array, layout: BlockLayout, signal?: AbortSignal): Promise<DecodedBlock> {
  throwIfAborted(signal);
  const { width, height, samplesPerPixel, compression } = layout;
  const type = checkLayout(layout);
  const sampleBytes = bytesPerSample(type);
  const samples = width * height * samplesPerPixel;
  const storedBytes = layout.bitsPerSample === 1 ? Math.ceil((width * samplesPerPixel) / 8) * height : samples * sampleBytes;

  let data: TypedArray;
  switch (compression) {
    case 7:
    case 50001:
      data = await decodeImage(bytes, layout, type);
      break;
    case 34887:
      data = await decodeLerc(bytes, width, height, samplesPerPixel, type, samples * sampleBytes, layout.littleEndian !== nativeLittleEndian);
      break;
    default: {
      const stored = await decompress(bytes, layout, storedBytes);
      throwIfAborted(signal);
      data = toSamples(stored, layout, type, stored === bytes);
    }
  }
  throwIfAborted(signal);
  return { data, width, height, samplesPerPixel };
}

/** Checks the layout's numbers before anything is allocated; returns the sample type. */
function checkLayout(layout: BlockLayout): SampleType {
  const { width, height, samplesPerPixel, compression, predictor, bitsPerSample } = layout;
  if (!Object.hasOwn(supportedCompressions, compression)) {
    const known = Object.entries(supportedCompressions)
      .map(([code, name]) => `${code} ${name}`)
      .join(', ');
    throw new BlockDecodeError(`TIFF compression ${compression} is not supported (supported: ${known})`, { compression });
  }
  for (const [name, value] of [
    ['width', width],
    ['height', height],
    ['samplesPerPixel', samplesPerPixel],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new BlockDecodeError(`A block's ${name} must be a positive integer, not ${value}`);
  }
  if (samplesPerPixel > MAX_SAMPLES_PER_PIXEL)
    throw new BlockDecodeError(`A block with ${samplesPerPixel} samples per pixel is more than the ${MAX_SAMPLES_PER_PIXEL} we read`);
  const type = sampleTypeOf(bitsPerSample, layout.sampleFormat);
  const decodedBytes = width * height * samplesPerPixel * bytesPerSample(type);
  if (decodedBytes > MAX_DECODED_BLOCK_BYTES) {
    throw new BlockDecodeError(
      `A ${width}x${height} block of ${samplesPerPixel} ${type} samples per pixel decodes to ${decodedBytes} bytes, more than the ${MAX_DECODED_BLOCK_BYTES} we hold; ` +
        'rewrite the file with smaller tiles or strips (e.g. as a COG)',
    );
  }
  if (predictor !== 1 && predictor !== 2 && predictor !== 3)
    throw new BlockDecodeError(`TIFF predictor ${predictor} is not supported (1 none, 2 horizontal, 3 floating point)`);
  if (predictor !== 1 && (compression === 7 || compression === 50001 || compression === 34887)) {
    throw new BlockDecodeError(`TIFF predictor ${predictor} cannot be used with ${supportedCompressions[compression]} compression`, { compression });
  }
  if (predictor === 2 && bitsPerSample === 1) throw new BlockDecodeError('The horizontal predictor cannot be used with 1-bit samples');
  if (predictor === 3 && type !== 'float32' && type !== 'float64')
    throw new BlockDecodeError(`The floating point predictor cannot be used with ${type} samples`);
  return type;
}

/** The stored sample bytes of a byte-stream codec, exactly `storedBytes` long. */
async function decompress(bytes: Uint8Array, layout: BlockLayout, storedBytes: number): Promise<Uint8Array> {
  switch (layout.compression) {
    case 1:
      if (bytes.length !== storedBytes) {
        throw new BlockDecodeError(`An uncompressed block of ${storedBytes} bytes was given ${bytes.length} bytes`, { compression: 1 });
      }
      return bytes;
    case 5:
      return decodeLzw(bytes, storedBytes);
    case 8:
    case 32946:
      return inflateBlock(bytes, storedBytes, layout.compression);
    case 32773:
      return decodePackBits(bytes, storedBytes);
    case 50000:
      return decompressZstd(bytes, storedBytes);
    default:
      throw new BlockDecodeError(`TIFF compression ${layout.compression} is not a byte-stream codec`, { compression: layout.compression });
  }
}

/** JPEG and WebP: 8-bit samples in pixel order, decoded by sharp or, for YCbCr JPEG, as libjpeg 9 does. */
async function decodeImage(bytes: Uint8Array, layout: BlockLayout, type: SampleType): Promise<Uint8Array> {
  const { compression, width, height, samplesPerPixel } = layout;
  const codec = compression === 7 ? 'JPEG' : 'WebP';
  if (type !== 'uint8') throw new BlockDecodeError(`${codec} blocks must hold 8-bit unsigned samples, not ${type}`, { compression });
  if (codec === 'JPEG') {
    if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
      throw new BlockDecodeError(`JPEG blocks with ${samplesPerPixel} samples per pixel are not supported (1 or 3 are)`, { compression });
    }
    const stream = completeJpegStream(bytes, layout.jpegTables, layout.photometric, samplesPerPixel);
    // YCbCr is where libjpeg 9 (inside the rasterio wheels' GDAL, the reference) and sharp's libjpeg-turbo differ: 9
    // scales subsampled chroma up inside its IDCT and rounds two colour factors otherwise. Greyscale and RGB blocks
    // decode to the same samples in both, and sharp does them faster, off the main thread.
    if (layout.photometric === PHOTOMETRIC_YCBCR && samplesPerPixel === 3) {
      const samples = decodeJpegBaseline(stream, width, height, samplesPerPixel, layout.photometric);
      if (samples !== undefined) return samples;
    }
    return decodeWithSharp(stream, width, height, samplesPerPixel, compression, codec);
  }
  if (samplesPerPixel !== 3 && samplesPerPixel !== 4) {
    throw new BlockDecodeError(`WebP blocks must have 3 or 4 samples per pixel, not ${samplesPerPixel}`, { compression });
  }
  return decodeWithSharp(bytes, width, height, samplesPerPixel, compression, codec);
}

/**
 * Stored sample bytes to typed samples: 1-bit unpacked; otherwise bytes put in machine order and predictor undone.
 * The horizontal predictor adds samples as numbers, so they are swapped first (as libtiff does); the floating point
 * predictor rebuilds samples in the file's order, swapped after.
 */
function toSamples(stored: Uint8Array, layout: BlockLayout, type: SampleType, borrowed: boolean): TypedArray {
  const { width, height, samplesPerPixel, predictor } = layout;
  if (layout.bitsPerSample === 1) return unpackBits(stored, width, height, samplesPerPixel);
  const sampleBytes = bytesPerSample(type);
  const swap = layout.littleEndian !== nativeLittleEndian;
  if (predictor === 3) {
    const out = new Uint8Array(stored.length);
    undoFloatingPointPredictor(stored, out, width, height, samplesPerPixel, sampleBytes as 4 | 8);
    if (swap) swapBytes(out, sampleBytes);
    return typedArrayOver(type, out);
  }
  // Work on our own aligned copy unless the codec gave us a fresh, aligned buffer.
  const own = borrowed || stored.byteOffset % sampleBytes !== 0 ? stored.slice() : stored;
  if (swap) swapBytes(own, sampleBytes);
  if (predictor === 2) undoHorizontalPredictor(own, width, height, samplesPerPixel, sampleBytes);
  return typedArrayOver(type, own);
}
