import * as Lerc from 'lerc';
import type { SampleType, TypedArray } from '../types.js';
import { BlockDecodeError } from './block-decode-error.js';
import { swapBytes } from './byte-order.js';
import { inflateAtMost } from './deflate.js';
import { bytesPerSample } from './sample-type.js';
import { decompressZstd, zstdContentSize } from './zstd.js';

const COMPRESSION_LERC = 34887;

/** LERC's data type codes, in the order of its C API (0 = S8 ... 7 = F64). */
const lercTypes: readonly SampleType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'];

let loading: Promise<void> | undefined;

/** Loads LERC's WebAssembly module once, on the first LERC block. */
function loadLerc(): Promise<void> {
  loading ??= Lerc.load().catch((error: unknown) => {
    loading = undefined;
    throw new BlockDecodeError(`The LERC decoder could not be loaded: ${(error as Error).message}`, { cause: error, compression: COMPRESSION_LERC });
  });
  return loading;
}

/**
 * Decodes a LERC block (TIFF compression 34887) into pixel-interleaved samples of `type`.
 *
 * GDAL may wrap the LERC blob in deflate or ZSTD (its LercParameters tag says which); the wrapping is recognised
 * from the first bytes ("Lerc2 " or "CntZImage " for plain LERC, the ZSTD magic number, a zlib header), so the tag
 * is not needed. An unwrapped blob may be at most `2 * expectedBytes + 64 KiB`, ample for LERC's own framing.
 * The blob's header is checked against the block before LERC allocates anything. With `swap` (a file in the other
 * byte order) the decoded samples are byte-swapped: libtiff hands LERC the file-order bytes as if they were numbers.
 * Pixels that the blob's mask marks invalid come out as NaN for float types (as libtiff gives them), 0 otherwise.
 */
export async function decodeLerc(
  input: Uint8Array,
  width: number,
  height: number,
  samplesPerPixel: number,
  type: SampleType,
  expectedBytes: number,
  swap: boolean,
): Promise<TypedArray> {
  const blob = await unwrap(input, 2 * expectedBytes + 65536);
  await loadLerc();
  let info: Lerc.LercHeaderInfo;
  try {
    info = Lerc.getBlobInfo(blob);
  } catch (error) {
    throw corrupt(`its header cannot be read (${(error as Error).message})`, error);
  }
  if (info.width !== width || info.height !== height) throw corrupt(`it is ${info.width}x${info.height} pixels, but the block is ${width}x${height}`);
  if (info.bandCount !== 1 || info.depthCount !== samplesPerPixel) {
    throw corrupt(`it holds ${info.bandCount} band(s) of ${info.depthCount} value(s) per pixel, but the block has ${samplesPerPixel} samples per pixel`);
  }
  const blobType = lercTypes[info.dataType];
  if (blobType !== type) throw corrupt(`it holds ${blobType ?? `data type ${info.dataType}`} samples, but the block is ${type}`);

  let decoded: Lerc.LercData;
  try {
    decoded = Lerc.decode(blob, { returnInterleaved: true });
  } catch (error) {
    throw corrupt((error as Error).message, error);
  }
  const pixels = decoded.pixels[0];
  if (pixels === undefined || pixels instanceof Uint8ClampedArray || pixels.length !== width * height * samplesPerPixel) {
    throw corrupt('it does not decode to the samples of the block');
  }
  if (swap) swapBytes(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), bytesPerSample(type));
  if (decoded.mask !== null && (pixels instanceof Float32Array || pixels instanceof Float64Array)) {
    const { mask } = decoded;
    for (let pixel = 0; pixel < mask.length; pixel++) {
      if (mask[pixel] === 0) pixels.fill(Number.NaN, pixel * samplesPerPixel, (pixel + 1) * samplesPerPixel);
    }
  }
  return pixels;
}

async function unwrap(input: Uint8Array, limit: number): Promise<Uint8Array> {
  if (startsWithText(input, 'Lerc2 ') || startsWithText(input, 'CntZImage ')) return input;
  if (input.length >= 4 && input[0] === 0x28 && input[1] === 0xb5 && input[2] === 0x2f && input[3] === 0xfd) {
    // GDAL writes the frame with its size; a frame that does not declare one (or declares too much) is refused.
    const size = zstdContentSize(input);
    if (size === undefined || size > limit) throw corrupt(`its ZSTD wrapping does not declare a size of at most ${limit} bytes`);
    return decompressZstd(input, size, COMPRESSION_LERC);
  }
  if (isZlibHeader(input)) return inflateAtMost(input, limit, COMPRESSION_LERC);
  throw corrupt('it is neither a LERC blob nor a deflate or ZSTD stream holding one');
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** RFC 1950: method 8 (deflate) in the low nibble of CMF, and CMF*256+FLG a multiple of 31. */
function isZlibHeader(bytes: Uint8Array): boolean {
  const cmf = bytes[0];
  const flg = bytes[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

function corrupt(problem: string, cause?: unknown): BlockDecodeError {
  return new BlockDecodeError(`LERC data is corrupt: ${problem}`, { cause, compression: COMPRESSION_LERC });
}
