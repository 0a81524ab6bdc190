import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { BlockDecodeError } from '../src/decode/block-decode-error.js';
import { decodeBlock } from '../src/decode/decode-block.js';
import { sampleTypeOf } from '../src/decode/sample-type.js';
import type { BlockLayout } from '../src/types.js';
import { firstDifference, gdal, gdalMissing, randomStream, readStoredImages, type StoredBlock, syntheticSamples, writeEnvi } from './decode-fixtures.js';

describe('sampleTypeOf', () => {
  const types = [
    [1, 1, 'uint8'],
    [8, 1, 'uint8'],
    [8, 4, 'uint8'],
    [8, 2, 'int8'],
    [16, 1, 'uint16'],
    [16, 2, 'int16'],
    [32, 1, 'uint32'],
    [32, 2, 'int32'],
    [32, 3, 'float32'],
    [64, 3, 'float64'],
  ] as const;
  for (const [bits, format, type] of types) {
    it(`reads ${bits}-bit samples of SampleFormat ${format} as ${type}`, () => assert.equal(sampleTypeOf(bits, format), type));
  }
  for (const [bits, format, words] of [
    [16, 3, '16-bit floating point'],
    [64, 1, '64-bit unsigned integer'],
    [12, 1, '12-bit unsigned integer'],
    [8, 5, 'SampleFormat 5'],
  ] as const) {
    it(`refuses ${words} samples with a message saying so`, () => {
      assert.throws(
        () => sampleTypeOf(bits, format),
        (error: unknown) => error instanceof BlockDecodeError && error.message.includes(words),
      );
    });
  }
});

/** True when `error` is the 422 a corrupt block gives, with a message matching `pattern`. */
function corruptBlock(pattern: RegExp): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof BlockDecodeError, `expected a BlockDecodeError, got ${String(error)}`);
    assert.equal(error.code, 'Unprocessable');
    assert.equal(error.status, 422);
    assert.match(error.message, pattern);
    return true;
  };
}

const layout16: BlockLayout = {
  compression: 1,
  predictor: 1,
  width: 16,
  height: 16,
  samplesPerPixel: 1,
  bitsPerSample: 8,
  sampleFormat: 1,
  littleEndian: true,
  photometric: 1,
};

describe('decodeBlock refuses blocks it cannot or must not decode', () => {
  it('names an unknown compression', async () => {
    await assert.rejects(decodeBlock(new Uint8Array(16), { ...layout16, compression: 34712 }), corruptBlock(/TIFF compression 34712 is not supported/));
  });

  it('refuses a block whose declared size is too large before allocating it', async () => {
    const huge = { ...layout16, width: 100_000, height: 100_000, samplesPerPixel: 4 };
    await assert.rejects(decodeBlock(new Uint8Array(0), huge), corruptBlock(/decodes to 40000000000 bytes, more than/));
  });

  it('refuses sizes that are not positive integers', async () => {
    await assert.rejects(decodeBlock(new Uint8Array(0), { ...layout16, height: 0 }), corruptBlock(/height must be a positive integer/));
    await assert.rejects(decodeBlock(new Uint8Array(0), { ...layout16, width: 1.5 }), corruptBlock(/width must be a positive integer/));
  });

  it('refuses an unknown predictor, and predictors that do not fit the samples or the codec', async () => {
    await assert.rejects(decodeBlock(new Uint8Array(256), { ...layout16, predictor: 4 }), corruptBlock(/predictor 4 is not supported/));
    await assert.rejects(
      decodeBlock(new Uint8Array(512), { ...layout16, predictor: 3, bitsPerSample: 16 }),
      corruptBlock(/floating point predictor cannot be used with uint16/),
    );
    await assert.rejects(decodeBlock(new Uint8Array(256), { ...layout16, predictor: 2, compression: 7 }), corruptBlock(/predictor 2 cannot be used with JPEG/));
  });

  it('refuses an uncompressed block of the wrong length', async () => {
    await assert.rejects(decodeBlock(new Uint8Array(255), layout16), corruptBlock(/of 256 bytes was given 255 bytes/));
    await assert.rejects(decodeBlock(new Uint8Array(257), layout16), corruptBlock(/of 256 bytes was given 257 bytes/));
  });

  it('rejects with the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(decodeBlock(new Uint8Array(256), layout16, controller.signal), (error: unknown) => {
      return error instanceof AppError && error.code === 'ClientClosedRequest';
    });
  });

  it('does not modify the bytes it is given', async () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => i & 255);
    const copy = bytes.slice();
    await decodeBlock(bytes, { ...layout16, bitsPerSample: 16, littleEndian: false, predictor: 2 });
    assert.deepEqual(bytes, copy);
  });
});

const codecs = [
  {
    name: 'deflate',
    compression: 8,
    type: 'uint16',
    bands: 1,
    options: ['-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2'],
    short: /Deflate data is corrupt: unexpected end of file/,
  },
  { name: 'LZW', compression: 5, type: 'uint16', bands: 1, options: ['-co', 'COMPRESS=LZW'], short: /LZW data decodes to \d+ bytes, but the block holds/ },
  { name: 'PackBits', compression: 32773, type: 'uint16', bands: 1, options: ['-co', 'COMPRESS=PACKBITS'], short: /PackBits data is corrupt/ },
  { name: 'ZSTD', compression: 50000, type: 'uint16', bands: 1, options: ['-co', 'COMPRESS=ZSTD'], short: /ZSTD data/ },
  { name: 'JPEG', compression: 7, type: 'uint8', bands: 3, options: ['-co', 'COMPRESS=JPEG', '-co', 'PHOTOMETRIC=YCBCR'], short: /JPEG data/ },
  { name: 'WebP', compression: 50001, type: 'uint8', bands: 3, options: ['-co', 'COMPRESS=WEBP'], short: /WebP data/ },
  { name: 'LERC', compression: 34887, type: 'float32', bands: 1, options: ['-co', 'COMPRESS=LERC'], short: /LERC data is corrupt/ },
] as const;

describe('decodeBlock rejects damaged blocks of every codec with a clear message', () => {
  const blocks = new Map<string, StoredBlock>();
  let dir: string | undefined;

  // one 32 x 16 raster of two 16 x 16 tiles per codec, made once for all the tests below
  before(async () => {
    if (gdalMissing() !== undefined) return;
    dir = await mkdtemp(join(tmpdir(), 'pqe-decode-'));
    for (const codec of codecs) {
      const samples = syntheticSamples(codec.type, 32, 16, codec.bands);
      const source = await writeEnvi(dir, codec.name, samples, codec.type, 32, 16, codec.bands);
      const tiff = join(dir, `${codec.name}.tif`);
      gdal('gdal_translate', ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=16', '-co', 'BLOCKYSIZE=16', ...codec.options, source, tiff]);
      const [image] = await readStoredImages(tiff);
      const block = image?.blocks[1];
      if (block === undefined) throw new Error(`no block in ${tiff}`);
      blocks.set(codec.name, block);
    }
  });
  after(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  for (const codec of codecs) {
    it(`${codec.name}: decodes the intact block (the damaged ones below start from it)`, async (t) => {
      const block = blocks.get(codec.name);
      if (block === undefined) return t.skip(gdalMissing());
      const decoded = await decodeBlock(block.bytes, block.layout);
      assert.equal(decoded.data.length, 16 * 16 * codec.bands);
    });

    it(`${codec.name}: rejects the block cut in half`, async (t) => {
      const block = blocks.get(codec.name);
      if (block === undefined) return t.skip(gdalMissing());
      const half = block.bytes.subarray(0, Math.floor(block.bytes.length / 2));
      await assert.rejects(decodeBlock(half, block.layout), corruptBlock(codec.short));
    });

    it(`${codec.name}: rejects the block when the layout says it holds fewer rows than it does`, async (t) => {
      const block = blocks.get(codec.name);
      if (block === undefined) return t.skip(gdalMissing());
      await assert.rejects(
        decodeBlock(block.bytes, { ...block.layout, height: 8 }),
        corruptBlock(/more than|but the block is 16x8|larger than the 16x8 block/),
      );
    });

    it(`${codec.name}: rejects the block when the layout says it holds more rows than it does`, async (t) => {
      const block = blocks.get(codec.name);
      if (block === undefined) return t.skip(gdalMissing());
      await assert.rejects(decodeBlock(block.bytes, { ...block.layout, height: 32 }), corruptBlock(/but the block (holds|is)/));
    });

    it(`${codec.name}: rejects random bytes`, async (t) => {
      const block = blocks.get(codec.name);
      if (block === undefined) return t.skip(gdalMissing());
      const random = randomStream(codec.compression);
      const noise = Uint8Array.from({ length: block.bytes.length }, () => Math.floor(random() * 256));
      await assert.rejects(decodeBlock(noise, block.layout), corruptBlock(/.+/));
    });
  }

  it('deflate: reads compression 32946 (the old deflate code) like 8', async (t) => {
    const block = blocks.get('deflate');
    if (block === undefined) return t.skip(gdalMissing());
    const [a, b] = await Promise.all([decodeBlock(block.bytes, block.layout), decodeBlock(block.bytes, { ...block.layout, compression: 32946 })]);
    assert.equal(firstDifference(a.data, b.data), -1);
  });

  it('JPEG: refuses a header that declares a 60000 x 60000 image without decoding it', async (t) => {
    const block = blocks.get('JPEG');
    if (block === undefined) return t.skip(gdalMissing());
    const bytes = block.bytes.slice();
    const sof = findMarker(bytes, 0xc0);
    // SOF0: length (2), precision (1), height (2), width (2)
    bytes.set([0xea, 0x60, 0xea, 0x60], sof + 5);
    await assert.rejects(decodeBlock(bytes, block.layout), corruptBlock(/JPEG data is corrupt or larger than the 16x16 block/));
  });

  it('LERC: refuses a blob that declares another size than the block', async (t) => {
    const block = blocks.get('LERC');
    if (block === undefined) return t.skip(gdalMissing());
    await assert.rejects(decodeBlock(block.bytes, { ...block.layout, width: 8, height: 32 }), corruptBlock(/it is 16x16 pixels, but the block is 8x32/));
  });

  it('ZSTD: rejects a frame that declares 4 GiB of content', async () => {
    // magic, frame header descriptor 0xc0 (8-byte content size, single segment), content size 2^32
    const frame = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0);
    await assert.rejects(decodeBlock(frame, { ...layout16, compression: 50000 }), corruptBlock(/ZSTD data is corrupt or holds more than the 256 bytes/));
  });
});

function findMarker(bytes: Uint8Array, marker: number): number {
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === marker) return i;
  throw new Error(`marker ${marker.toString(16)} not found`);
}
