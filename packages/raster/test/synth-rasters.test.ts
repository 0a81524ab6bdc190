import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { isAppError } from '@pqe/common';
import { aerialRaster } from '../src/synth/aerial.js';
import { demNodata, demRaster } from '../src/synth/dem.js';
import { landCoverNames, landCoverPalette, landCoverRaster } from '../src/synth/land-cover.js';
import type { TypedArray } from '../src/types.js';
import { writeGeoTiff } from '../src/writer/geotiff-writer.js';

function checksum(data: TypedArray): string {
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

const size = { width: 256, height: 256, seed: 7 };
const generators = { aerial: aerialRaster, dem: demRaster, landCover: landCoverRaster };

describe('demo rasters', () => {
  for (const [name, generate] of Object.entries(generators)) {
    it(`${name}: the same seed gives the same pixels, another seed other pixels`, () => {
      const a = checksum(generate(size).data);
      assert.equal(checksum(generate(size).data), a);
      assert.notEqual(checksum(generate({ ...size, seed: 8 }).data), a);
    });

    // Not for the DEM: its footprint is drawn around each window on purpose.
    if (name === 'dem') continue;
    it(`${name}: a window at an offset is the same part of the landscape`, () => {
      const whole = generate({ width: 96, height: 64, seed: 3 });
      const part = generate({ width: 32, height: 16, seed: 3 }, 40, 30);
      const bands = whole.bands;
      for (let y = 0; y < 16; y++) {
        const start = ((30 + y) * 96 + 40) * bands;
        assert.deepEqual(part.data.subarray(y * 32 * bands, (y + 1) * 32 * bands), whole.data.subarray(start, start + 32 * bands));
      }
    });
  }

  it('aerial: RGB bytes with texture in every channel', () => {
    const { data, bands } = aerialRaster(size);
    assert.equal(bands, 3);
    for (let b = 0; b < 3; b++) {
      const channel = data.filter((_, i) => i % 3 === b);
      assert.ok(new Set(channel).size > 50, `channel ${b} has many levels`);
    }
  });

  it('land cover: every class value has a palette entry and a name, and several classes appear', () => {
    const { data, colormap } = landCoverRaster({ width: 512, height: 512, seed: 1 });
    const classes = new Set(data);
    assert.ok(classes.size >= 4, `classes seen: ${[...classes]}`);
    for (const c of classes) {
      assert.ok(c >= 1 && c < colormap.length, `class ${c} is in the palette`);
      assert.ok(landCoverNames[c], `class ${c} has a name`);
    }
    assert.equal(colormap, landCoverPalette);
  });

  it('dem: metres from sea level to the relief, nodata outside the footprint only', () => {
    const { data, nodata, width, height } = demRaster(size);
    assert.equal(nodata, demNodata);
    assert.equal(data[0], demNodata, 'corner is outside the footprint');
    assert.notEqual(data[(height / 2) * width + width / 2], demNodata, 'centre is inside');
    const valid = data.filter((v) => v !== demNodata);
    assert.ok(valid.length > 0.5 * data.length);
    assert.ok(valid.every((v) => v >= 0 && v <= 2401));
    assert.ok(new Set(valid).size > 1000, 'terrain is not flat');
  });

  it('every raster is what the GeoTIFF writer takes', async () => {
    for (const generate of Object.values(generators)) {
      const raster = generate({ width: 64, height: 64, seed: 2 });
      const bytes = await writeGeoTiff({ ...raster, tileSize: 32, overviews: true });
      assert.ok(bytes.length > 0);
    }
  });

  it('refuses sizes it cannot make', () => {
    assert.throws(
      () => aerialRaster({ width: 0, height: 10, seed: 1 }),
      (e: unknown) => isAppError(e) && /cannot be made/.test(e.message),
    );
    assert.throws(
      () => demRaster({ width: 100000, height: 100000, seed: 1 }),
      (e: unknown) => isAppError(e) && /at most/.test(e.message),
    );
    assert.throws(
      () => landCoverRaster({ width: 10, height: 10, seed: 0.5 }),
      (e: unknown) => isAppError(e) && /seed/.test(e.message),
    );
  });
});
