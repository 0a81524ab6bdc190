import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '@pqe/common';
import sharp from 'sharp';
import { decodeNpy } from '../src/encode/npy.js';
import { renderImage } from '../src/encode/render-image.js';
import { configureSharp } from '../src/encode/sharp-encoders.js';
import { gdal, gdalMissing, readRaw, type TempDir, tempDir, writeBytes } from './writer-gdal-tools.js';

let dir: TempDir;
before(async () => {
  configureSharp({ concurrency: 1 });
  dir = await tempDir('pqe-encode-');
});
after(() => dir.remove());

/** 8-bit pixels as sharp decodes them (grey comes back as RGB), the channels stored in the file, its format. */
async function decode(body: Uint8Array) {
  const { format, channels } = await sharp(body).metadata();
  const { data, info } = await sharp(body).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), decodedChannels: info.channels, channels, format };
}

const [width, height] = [8, 4];
const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 29) % 256);
const halfMasked = new Uint8Array(width * height).map((_, p) => (p % width < 4 ? 0 : 255));

describe('renderImage', () => {
  it('chooses JPEG when every pixel is valid, else PNG', async () => {
    const full = await renderImage({ data: rgb, width, height, bands: 3 });
    assert.equal(full.format, 'jpeg');
    assert.equal(full.mediaType, 'image/jpeg');
    assert.equal((await decode(full.body)).format, 'jpeg');
    const masked = await renderImage({ data: rgb, width, height, bands: 3, mask: halfMasked });
    assert.equal(masked.format, 'png');
    assert.equal((await decode(masked.body)).format, 'png');
  });

  it('writes PNG pixels exactly, with the mask as alpha', async () => {
    const { body } = await renderImage({ data: rgb, width, height, bands: 3, mask: halfMasked }, { format: 'png' });
    const { pixels, channels } = await decode(body);
    assert.equal(channels, 4);
    for (let p = 0; p < width * height; p++) {
      assert.deepEqual([...pixels.subarray(p * 4, p * 4 + 4)], [...rgb.subarray(p * 3, p * 3 + 3), halfMasked[p]]);
    }
  });

  it('gives an explicit PNG an opaque alpha channel when nothing is masked, and none when the mask is not asked', async () => {
    const opaque = await decode((await renderImage({ data: rgb, width, height, bands: 3 }, { format: 'png' })).body);
    assert.equal(opaque.channels, 4);
    assert.ok(opaque.pixels.every((v, i) => i % 4 !== 3 || v === 255));
    const raw = await decode((await renderImage({ data: rgb, width, height, bands: 3, mask: halfMasked }, { format: 'pngraw', addMask: false })).body);
    assert.equal(raw.channels, 3);
    assert.deepEqual(raw.pixels, rgb);
  });

  it('keeps uint16 data as a 16-bit PNG with a 16-bit alpha', async () => {
    const data = new Uint16Array(width * height).map((_, i) => i * 2000 + 7);
    const { body } = await renderImage({ data, width, height, bands: 1, mask: halfMasked }, { format: 'png' });
    // IHDR: bit depth at byte 24, colour type at byte 25 (4 = grey + alpha).
    assert.equal(body[24], 16);
    assert.equal(body[25], 4);
    const { data: out, info } = await sharp(body).toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
    const samples = new Uint16Array(out.buffer, out.byteOffset, out.byteLength / 2);
    assert.equal(info.channels, 2);
    for (let p = 0; p < width * height; p++) {
      assert.equal(samples[2 * p], data[p]);
      assert.equal(samples[2 * p + 1], halfMasked[p] === 0 ? 0 : 65535);
    }
  });

  it('stretches float data from the given range to bytes, truncating, with masked pixels 0', async () => {
    // Range 0..100: 50 -> 127.5 -> 127; 33.3 -> 84.915 -> 84; -5 clipped -> 0; 1000 clipped -> 255; NaN -> 0.
    const data = new Float32Array([50, 33.3, -5, 1000, Number.NaN, 50]);
    const mask = new Uint8Array([255, 255, 255, 255, 255, 0]);
    const { body } = await renderImage({ data, width: 6, height: 1, bands: 1, mask }, { format: 'png', inRanges: [[0, 100]] });
    const { pixels, channels } = await decode(body);
    assert.equal(channels, 2);
    const greyAlpha = [...pixels].filter((_, i) => i % 4 === 0 || i % 4 === 3);
    assert.deepEqual(greyAlpha, [127, 255, 84, 255, 0, 255, 255, 255, 0, 255, 0, 0]);
  });

  it('stretches int16 data from the type range when no statistics are given', async () => {
    // (x + 32768) / 65535 * 255: -32768 -> 0, 0 -> 127.50 -> 127, 32767 -> 255, 1000 -> 131.39 -> 131.
    const data = new Int16Array([-32768, 0, 32767, 1000]);
    const { body } = await renderImage({ data, width: 4, height: 1, bands: 1 }, { format: 'png', addMask: false });
    const { pixels, channels } = await decode(body);
    assert.equal(channels, 1);
    assert.deepEqual(
      [...pixels].filter((_, i) => i % 3 === 0),
      [0, 127, 255, 131],
    );
  });

  it('writes JPEG without alpha, close to the source', async () => {
    const smooth = new Uint8Array(32 * 32 * 3).map((_, i) => 60 + (Math.floor(i / 3) % 32) * 4);
    const { body, format } = await renderImage({ data: smooth, width: 32, height: 32, bands: 3, mask: new Uint8Array(1024) }, { format: 'jpeg' });
    assert.equal(format, 'jpeg');
    const { pixels, channels } = await decode(body);
    assert.equal(channels, 3);
    const worst = pixels.reduce((m, v, i) => Math.max(m, Math.abs(v - (smooth[i] ?? 0))), 0);
    assert.ok(worst <= 6, `JPEG q85 of a gentle ramp stays within 6 levels (worst ${worst})`);
  });

  it('writes one band as WebP in three equal channels, with the mask as alpha', async () => {
    const grey = new Uint8Array(16 * 16).fill(120);
    const mask = new Uint8Array(256).map((_, p) => (p < 128 ? 0 : 255));
    const { body } = await renderImage({ data: grey, width: 16, height: 16, bands: 1, mask }, { format: 'webp' });
    const { pixels, decodedChannels, format } = await decode(body);
    assert.equal(format, 'webp');
    assert.equal(decodedChannels, 4);
    for (let p = 0; p < 256; p++) {
      assert.equal(pixels[p * 4 + 3], mask[p]);
      if (mask[p]) assert.ok(Math.abs((pixels[p * 4] ?? 0) - 120) <= 3);
    }
  });

  it('writes npy as bands plus mask', async () => {
    const { body, mediaType } = await renderImage({ data: rgb, width, height, bands: 3, mask: halfMasked }, { format: 'npy' });
    assert.equal(mediaType, 'application/x-binary');
    const array = decodeNpy(body);
    assert.deepEqual(array.shape, [4, height, width]);
    assert.deepEqual([...array.data.subarray(3 * width * height)], [...halfMasked]);
  });

  it('writes tif with the mask as an alpha band that GDAL reads', async (t) => {
    const missing = await gdalMissing();
    if (missing) return t.skip(missing);
    const data = new Int16Array(width * height).map((_, i) => i - 10);
    const { body, mediaType } = await renderImage(
      { data, width, height, bands: 1, mask: halfMasked },
      { format: 'tif', geotransform: [0, 1, 0, 0, 0, -1], crs: { epsg: 3857, geographic: false } },
    );
    assert.equal(mediaType, 'image/tiff; application=geotiff');
    const path = dir.file('tile.tif');
    await writeBytes(path, body);
    const expected = new Int16Array(width * height * 2);
    data.forEach((v, p) => {
      expected[2 * p] = v;
      expected[2 * p + 1] = halfMasked[p] ?? 0;
    });
    assert.deepEqual(await readRaw(dir, path), new Uint8Array(expected.buffer));
    assert.match(await gdal('gdalinfo', [path]), /ColorInterp=Alpha/);
  });

  const refused: [string, Parameters<typeof renderImage>, RegExp][] = [
    ['two bands as JPEG', [{ data: new Uint8Array(8), width: 2, height: 2, bands: 2 }, { format: 'jpeg' }], /JPEG cannot hold 2 channels/],
    ['four bands and a mask as PNG', [{ data: new Uint8Array(16), width: 2, height: 2, bands: 4 }, { format: 'png' }], /PNG cannot hold 5 channels/],
    ['float data as pngraw', [{ data: new Float32Array(4), width: 2, height: 2, bands: 1 }, { format: 'pngraw' }], /pngraw holds uint8 or uint16/],
    ['arrays of the wrong size', [{ data: new Uint8Array(3), width: 2, height: 2, bands: 1 }], /do not hold/],
    ['a huge image', [{ data: new Uint8Array(1), width: 100000, height: 1, bands: 1 }], /cannot be encoded/],
  ];
  for (const [name, args, message] of refused) {
    it(`refuses ${name} with a clear message`, async () => {
      await assert.rejects(renderImage(...args), (e: unknown) => isAppError(e) && e.code === 'InvalidParameter' && message.test(e.message));
    });
  }
});
