// Our baseline JPEG decoder on streams GDAL does not write (restart markers, progressive) and on broken ones:
// truncated or corrupt data must end in a BlockDecodeError (or, for corrupt bytes that still parse, a block of the
// right size), never a hang, a crash or another kind of error.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { BlockDecodeError } from '../src/decode/block-decode-error.js';
import { decodeBlock } from '../src/decode/decode-block.js';
import { decodeJpegBaseline } from '../src/decode/jpeg-baseline.js';
import { completeJpegStream } from '../src/decode/jpeg-stream.js';
import { decodeWithSharp } from '../src/decode/sharp-decode.js';
import type { BlockLayout } from '../src/types.js';
import { gdal, gdalMissing, randomStream, readStoredImages, syntheticSamples, withTempDir, writeEnvi } from './decode-fixtures.js';

const segment = (marker: number, ...body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];

/**
 * A 16 x 8 greyscale baseline stream of two DC-only blocks with a restart marker between them (DRI 1), written by
 * hand: quantisation 1 everywhere; the DC table has one code, '0', for size 7; the AC table one code, '0', for
 * end-of-block. Block 1 codes DC 80: '0' '1010000' '0' padded with ones = 0x50 0x7f. The restart resets the DC
 * prediction, so block 2 codes DC -80 as itself: '0' '0101111' (-80 + 127 = 47) '0' = 0x2f 0x7f.
 * libjpeg's islow IDCT of a DC-only block gives 128 + floor((4 * DC + 16) / 32): 138 and 118.
 */
function restartStream(restart = 0xd0, width = 16, height = 8): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xdb, 0x00, ...new Array<number>(64).fill(1)),
    ...segment(0xc0, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0),
    ...segment(0xc4, 0x00, 1, ...new Array<number>(15).fill(0), 7),
    ...segment(0xc4, 0x10, 1, ...new Array<number>(15).fill(0), 0),
    ...segment(0xdd, 0, 1),
    ...segment(0xda, 1, 1, 0x00, 0, 63, 0),
    0x50,
    0x7f,
    0xff,
    restart,
    0x2f,
    0x7f,
    0xff,
    0xd9,
  ]);
}

const ycbcrLayout = (width: number, height: number): BlockLayout => ({
  compression: 7,
  predictor: 1,
  width,
  height,
  samplesPerPixel: 3,
  bitsPerSample: 8,
  sampleFormat: 1,
  littleEndian: true,
  photometric: 6,
});

async function rejectsAsBlockError(run: () => Promise<unknown>, what: string): Promise<void> {
  await assert.rejects(run, (error) => error instanceof BlockDecodeError, what);
}

describe('decodeJpegBaseline reads streams GDAL does not write', () => {
  it('resets the DC prediction at each restart marker', async () => {
    const stream = restartStream();
    const decoded = decodeJpegBaseline(stream, 16, 8, 1, 1);
    assert.ok(decoded !== undefined);
    const expected = new Uint8Array(16 * 8);
    for (let y = 0; y < 8; y++) expected.fill(138, y * 16, y * 16 + 8).fill(118, y * 16 + 8, y * 16 + 16);
    assert.deepEqual(decoded, expected);
    // libjpeg-turbo agrees on greyscale 8 x 8 blocks
    assert.deepEqual(decoded, await decodeWithSharp(stream, 16, 8, 1, 7, 'JPEG'));
  });

  it('refuses a restart marker out of sequence', () => {
    assert.throws(() => decodeJpegBaseline(restartStream(0xd1), 16, 8, 1, 1), BlockDecodeError);
  });

  it('refuses a frame of other dimensions than the block before allocating anything', () => {
    assert.throws(() => decodeJpegBaseline(restartStream(0xd0, 60000, 60000), 16, 8, 1, 1), /larger than the 16x8 block: its frame is 60000x60000 pixels/);
  });

  it('leaves progressive streams to sharp, which decodeBlock then uses', async () => {
    const pixels = syntheticSamples('uint8', 32, 32, 3) as Uint8Array;
    const progressive = new Uint8Array(
      await sharp(pixels, { raw: { width: 32, height: 32, channels: 3 } })
        .jpeg({ progressive: true })
        .toBuffer(),
    );
    const stream = completeJpegStream(progressive, undefined, 6, 3);
    assert.equal(decodeJpegBaseline(stream, 32, 32, 3, 6), undefined);
    const decoded = await decodeBlock(progressive, ycbcrLayout(32, 32));
    assert.deepEqual(decoded.data, await decodeWithSharp(stream, 32, 32, 3, 7, 'JPEG'));
  });
});

describe('decodeBlock on broken YCbCr JPEG blocks', () => {
  async function gdalBlock(): Promise<{ bytes: Uint8Array; layout: BlockLayout }> {
    return withTempDir(async (dir) => {
      const source = await writeEnvi(dir, 'source', syntheticSamples('uint8', 32, 32, 3), 'uint8', 32, 32, 3);
      const tiff = join(dir, 'ycbcr.tif');
      const options = ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=32', '-co', 'BLOCKYSIZE=32', '-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR'];
      gdal('gdal_translate', ['-of', 'GTiff', ...options, source, tiff]);
      const [image] = await readStoredImages(tiff);
      const block = image?.blocks[0];
      assert.ok(block !== undefined);
      return block;
    });
  }

  it('rejects the block cut at every length with a BlockDecodeError', async (t) => {
    const missing = gdalMissing();
    if (missing !== undefined) return t.skip(missing);
    const { bytes, layout } = await gdalBlock();
    // the whole block decodes
    assert.equal((await decodeBlock(bytes, layout)).data.length, 32 * 32 * 3);
    for (let length = 0; length < bytes.length; length++) {
      await rejectsAsBlockError(() => decodeBlock(bytes.subarray(0, length), layout), `the first ${length} of ${bytes.length} bytes`);
    }
  });

  it('decodes or rejects with a BlockDecodeError when bytes are overwritten', async (t) => {
    const missing = gdalMissing();
    if (missing !== undefined) return t.skip(missing);
    const { bytes, layout } = await gdalBlock();
    const random = randomStream(11);
    for (let trial = 0; trial < 400; trial++) {
      const broken = bytes.slice();
      for (let k = 0; k < 1 + (trial % 4); k++) broken[2 + Math.floor(random() * (broken.length - 2))] = Math.floor(random() * 256);
      try {
        const decoded = await decodeBlock(broken, layout);
        assert.equal(decoded.data.length, 32 * 32 * 3);
      } catch (error) {
        assert.ok(error instanceof BlockDecodeError, `trial ${trial}: ${String(error)}`);
      }
    }
  });
});
