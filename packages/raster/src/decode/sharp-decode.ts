import sharp from 'sharp';
import { BlockDecodeError } from './block-decode-error.js';

/**
 * Decodes a JPEG or WebP image with sharp (libjpeg-turbo, libwebp) on the libuv pool into 8-bit pixel-interleaved
 * samples, `channels` per pixel. The image must be exactly `width` x `height`: sharp refuses to start on a header
 * that declares more pixels, so a hostile header allocates nothing. libjpeg/libwebp warnings (truncated data) fail.
 */
export async function decodeWithSharp(
  input: Uint8Array,
  width: number,
  height: number,
  channels: number,
  compression: number,
  codec: 'JPEG' | 'WebP',
): Promise<Uint8Array> {
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    let image = sharp(input, { limitInputPixels: width * height, failOn: 'warning', sequentialRead: true });
    if (codec === 'WebP') image = channels === 4 ? image.ensureAlpha(1) : image.removeAlpha();
    // sharp turns greyscale into sRGB on output unless told to keep it
    if (channels === 1) image = image.toColourspace('b-w');
    decoded = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new BlockDecodeError(`${codec} data is corrupt or larger than the ${width}x${height} block: ${(error as Error).message}`, {
      cause: error,
      compression,
    });
  }
  const { info, data } = decoded;
  if (info.width !== width || info.height !== height) {
    throw new BlockDecodeError(`${codec} data is ${info.width}x${info.height} pixels, but the block is ${width}x${height}`, { compression });
  }
  if (info.channels !== channels) {
    throw new BlockDecodeError(`${codec} data has ${info.channels} samples per pixel, but the block has ${channels}`, { compression });
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
