import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { SubFileType, Tiff, TiffTag } from '@cogeotiff/core';
import { writeGeoTiff } from '../src/writer/geotiff-writer.js';

interface TileSize {
  offset: number;
  imageSize: number;
}

/** Serves our bytes to @cogeotiff/core, an independent TIFF reader. */
function memorySource(bytes: Uint8Array) {
  return {
    url: new URL('memory://written.tif'),
    metadata: { size: bytes.length },
    async fetch(offset: number, length?: number): Promise<ArrayBuffer> {
      const end = length === undefined ? bytes.length : Math.min(bytes.length, offset + length);
      return bytes.slice(offset, end).buffer;
    },
  };
}

async function written() {
  const [width, height] = [50, 40];
  const data = new Uint8Array(width * height * 3).map((_, i) => (i * 13) % 256);
  const mask = new Uint8Array(width * height).map((_, i) => (i % width < 45 ? 255 : 0));
  const bytes = await writeGeoTiff({ width, height, bands: 3, sampleType: 'uint8', data, mask, tileSize: 16, overviews: true });
  return { bytes, tiff: await Tiff.create(memorySource(bytes)) };
}

describe('COG layout', () => {
  it('declares the ghost options GDAL looks for, with the mask interleaved', async () => {
    const { tiff } = await written();
    assert.equal(tiff.options?.isCogOptimized, true);
    assert.equal(tiff.options?.isMaskInterleaved, true);
    assert.equal(tiff.options?.options.get('KNOWN_INCOMPATIBLE_EDITION'), 'NO');
  });

  it('orders IFDs as full resolution, its mask, then each overview and its mask', async () => {
    const { tiff } = await written();
    const described = tiff.images.map((image) => [image.size.width, image.size.height, image.value(TiffTag.SubFileType) ?? 0]);
    assert.deepEqual(described, [
      [50, 40, 0],
      [50, 40, SubFileType.Mask],
      [25, 20, SubFileType.ReducedImage],
      [25, 20, SubFileType.ReducedImage | SubFileType.Mask],
      [13, 10, SubFileType.ReducedImage],
      [13, 10, SubFileType.ReducedImage | SubFileType.Mask],
    ]);
  });

  it('stores tile data smallest overview first, each tile with its leader, trailer and mask tile after it', async () => {
    const { bytes, tiff } = await written();
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const firstOffsets: number[] = [];
    for (let level = 0; level < 3; level++) {
      const image = tiff.images[2 * level];
      const mask = tiff.images[2 * level + 1];
      assert.ok(image && mask);
      const { x, y } = image.tileCount;
      let previous = 0;
      for (let i = 0; i < x * y; i++) {
        const tile: TileSize = await image.getTileSize(i);
        const maskTile: TileSize = await mask.getTileSize(i);
        assert.ok(tile.offset > previous, 'tiles are in row-major order');
        assert.equal(view.getUint32(tile.offset - 4, true), tile.imageSize, 'leader holds the byte count');
        assert.deepEqual(
          bytes.subarray(tile.offset + tile.imageSize, tile.offset + tile.imageSize + 4),
          bytes.subarray(tile.offset + tile.imageSize - 4, tile.offset + tile.imageSize),
        );
        assert.equal(maskTile.offset, tile.offset + tile.imageSize + 8, 'the mask tile follows its image tile');
        previous = maskTile.offset;
        if (i === 0) firstOffsets.push(tile.offset);
      }
    }
    const [full, first, smallest] = firstOffsets as [number, number, number];
    assert.ok(smallest < first && first < full);
  });

  it('packs mask tiles one bit per pixel, most significant bit first', async () => {
    const { tiff } = await written();
    const mask = tiff.images[1];
    assert.ok(mask);
    // Tile (2, 0) covers columns 32..47: valid up to column 44, i.e. 13 set bits then 3 clear, per row of 2 bytes.
    const tile = await mask.getTile(2, 0);
    assert.ok(tile);
    const bits = inflateSync(new Uint8Array(tile.bytes));
    assert.equal(bits.length, 2 * 16);
    assert.deepEqual([...bits.subarray(0, 2)], [0xff, 0xf8]);
  });
});
