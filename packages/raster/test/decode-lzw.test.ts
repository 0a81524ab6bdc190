import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BlockDecodeError } from '../src/decode/block-decode-error.js';
import { decodeLzw } from '../src/decode/lzw.js';
import { decodeImage, firstDifference, gdal, gdalMissing, randomStream, readStoredImages, withTempDir, writeEnvi } from './decode-fixtures.js';

/** Packs codes MSB-first, each `width` bits wide, as TIFF LZW stores them. */
function packCodes(codes: readonly (readonly [code: number, width: number])[]): Uint8Array {
  const bits: number[] = [];
  for (const [code, width] of codes) for (let b = width - 1; b >= 0; b--) bits.push((code >> b) & 1);
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => {
    out[i >> 3] = (out[i >> 3] as number) | (bit << (7 - (i & 7)));
  });
  return out;
}

describe('decodeLzw on hand-made streams', () => {
  it('decodes a code that refers to the entry it defines (the KwKwK case)', () => {
    // Clear, 'A', 'B' (258 = AB), 258 -> AB (259 = BA), 260 -> not yet defined: AB + A = ABA, EOI
    const stream = packCodes([
      [256, 9],
      [65, 9],
      [66, 9],
      [258, 9],
      [260, 9],
      [257, 9],
    ]);
    assert.deepEqual([...decodeLzw(stream, 7)], [...Buffer.from('ABABABA')]);
  });

  it('rejects a code that is not in the table yet', () => {
    const stream = packCodes([
      [256, 9],
      [65, 9],
      [300, 9],
      [257, 9],
    ]);
    assert.throws(
      () => decodeLzw(stream, 8),
      (error: unknown) => error instanceof BlockDecodeError && /code 300 is not in the table/.test(error.message),
    );
  });

  it('rejects a stream that decodes to fewer bytes than the block holds', () => {
    const stream = packCodes([
      [256, 9],
      [65, 9],
      [257, 9],
    ]);
    assert.throws(
      () => decodeLzw(stream, 2),
      (error: unknown) => error instanceof BlockDecodeError && /decodes to 1 bytes, but the block holds 2/.test(error.message),
    );
  });

  it('rejects a stream that decodes to more bytes than the block holds', () => {
    const stream = packCodes([
      [256, 9],
      [65, 9],
      [66, 9],
      [67, 9],
      [257, 9],
    ]);
    assert.throws(
      () => decodeLzw(stream, 2),
      (error: unknown) => error instanceof BlockDecodeError && /more than the 2 bytes/.test(error.message),
    );
  });

  it('accepts a stream without its end code once the block is full (as libtiff does)', () => {
    const stream = packCodes([
      [256, 9],
      [65, 9],
      [66, 9],
    ]);
    assert.deepEqual([...decodeLzw(stream, 2)], [65, 66]);
  });
});

describe('decodeLzw on blocks GDAL writes', () => {
  // Random bytes do not compress: the table fills up, the codes grow to 12 bits and the encoder clears the table
  // several times within one 64 x 64 x uint16 tile. A constant tile gives the longest strings.
  for (const [name, fill] of [
    ['random samples (12-bit codes and clear codes)', (random: () => number) => Math.floor(random() * 65536)],
    ['a constant tile (long strings that refer to themselves)', () => 4242],
  ] as const) {
    it(`gives back ${name}`, async (t) => {
      const missing = gdalMissing();
      if (missing !== undefined) return t.skip(missing);
      await withTempDir(async (dir) => {
        const random = randomStream(7);
        const samples = Uint16Array.from({ length: 128 * 64 }, () => fill(random));
        const source = await writeEnvi(dir, 'source', samples, 'uint16', 128, 64, 1);
        const tiff = join(dir, 'lzw.tif');
        gdal('gdal_translate', ['-co', 'TILED=YES', '-co', 'BLOCKXSIZE=64', '-co', 'BLOCKYSIZE=64', '-co', 'COMPRESS=LZW', source, tiff]);
        const [image] = await readStoredImages(tiff);
        assert.ok(image !== undefined);
        assert.equal(image.blocks[0]?.layout.compression, 5);
        const decoded = await decodeImage(image, 'uint16');
        assert.equal(firstDifference(decoded, samples), -1);
      });
    });
  }
});
