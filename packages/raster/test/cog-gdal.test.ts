import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { type Cog, CogHeaderCache, openCog } from '../src/cog/cog.js';
import { openSource } from '../src/source/open-source.js';
import { gdal, gdalinfo, gdalMissing, patternValue, writeEnvi } from './cog-gdal-fixtures.js';

const missing = gdalMissing();
const utm = ['-a_srs', 'EPSG:32631', '-a_ullr', '500000', '4000000', '506000', '3996000'];

describe('COGs made by GDAL, read and checked against gdalinfo', { skip: missing }, () => {
  let dir = '';
  const open = async (name: string, cache?: CogHeaderCache): Promise<Cog> =>
    openCog(await openSource(join(dir, name), { localRoots: [dir] }), cache === undefined ? {} : { cache });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pqe-cog-'));
    const rgb = await writeEnvi(dir, 'rgb', 600, 400, 3);
    const rgba = await writeEnvi(dir, 'rgba', 300, 200, 4);
    const gray16 = await writeEnvi(dir, 'gray16', 50, 30, 1, 12);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-co', 'BLOCKSIZE=256', '-co', 'COMPRESS=NONE', ...utm, rgb, join(dir, 'rgb.tif')]);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-co', 'BLOCKSIZE=256', '-co', 'COMPRESS=DEFLATE', '-mask', '1', ...utm, rgb, join(dir, 'masked.tif')]);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-colorinterp', 'red,green,blue,alpha', ...utm, rgba, join(dir, 'alpha.tif')]);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-mo', 'AREA_OR_POINT=Point', ...utm, rgba, join(dir, 'point.tif')]);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-ot', 'Float32', '-a_nodata', 'nan', ...utm, gray16, join(dir, 'nan.tif')]);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-ot', 'Int16', '-a_nodata', '-9999', ...utm, gray16, join(dir, 'int16.tif')]);
    gdal('gdal_translate', [
      '-q',
      '-of',
      'GTiff',
      '-co',
      'TILED=NO',
      '-co',
      'BLOCKYSIZE=7',
      '-co',
      'ENDIANNESS=BIG',
      '-co',
      'BIGTIFF=YES',
      ...utm,
      gray16,
      join(dir, 'strips.tif'),
    ]);
    gdal('gdal_translate', [
      '-q',
      '-of',
      'GTiff',
      '-co',
      'TILED=YES',
      '-co',
      'BLOCKXSIZE=128',
      '-co',
      'BLOCKYSIZE=128',
      '-co',
      'INTERLEAVE=BAND',
      rgb,
      join(dir, 'planar.tif'),
    ]);
    const palette = Array.from({ length: 4 }, (_, i) => `<Entry c1="${i * 60}" c2="${255 - i * 50}" c3="${i * 17}" c4="255"/>`).join('');
    await writeFile(
      join(dir, 'palette.vrt'),
      `<VRTDataset rasterXSize="300" rasterYSize="200"><VRTRasterBand dataType="Byte" band="1"><ColorInterp>Palette</ColorInterp><ColorTable>${palette}</ColorTable><SimpleSource><SourceFilename relativeToVRT="1">rgba.bin</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand></VRTDataset>`,
    );
    gdal('gdal_translate', ['-q', '-of', 'COG', join(dir, 'palette.vrt'), join(dir, 'palette.tif')]);
    const band = (n: number, description: string, scale: number, offset: number) =>
      `<VRTRasterBand dataType="Byte" band="${n}"><Description>${description}</Description><Offset>${offset}</Offset><Scale>${scale}</Scale><SimpleSource><SourceFilename relativeToVRT="1">rgba.bin</SourceFilename><SourceBand>${n}</SourceBand></SimpleSource></VRTRasterBand>`;
    await writeFile(
      join(dir, 'described.vrt'),
      `<VRTDataset rasterXSize="300" rasterYSize="200">${band(1, 'red &amp; more', 0.5, -10)}${band(2, 'near infrared', 0.0001, 0)}</VRTDataset>`,
    );
    gdal('gdal_translate', ['-q', '-of', 'COG', join(dir, 'described.vrt'), join(dir, 'described.tif')]);
    await writeFile(join(dir, 'not-a-tiff.tif'), 'this is a text file, not an image\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads size, bands, sample type, geotransform and levels as gdalinfo shows them', async () => {
    const cog = await open('rgb.tif');
    const info = gdalinfo(join(dir, 'rgb.tif'));
    assert.deepEqual([cog.width, cog.height], info.size);
    assert.equal(cog.bandCount, info.bands.length);
    assert.equal(cog.sampleType, 'uint8');
    assert.deepEqual(cog.geotransform, info.geoTransform);
    const levels = cog.levels;
    assert.deepEqual(
      levels.slice(1).map((l) => [l.width, l.height]),
      info.bands[0]?.overviews?.map((o) => o.size),
    );
    assert.deepEqual([levels[0]?.blockWidth, levels[0]?.blockHeight], info.bands[0]?.block);
    assert.deepEqual([levels[0]?.blocksAcross, levels[0]?.blocksDown], [3, 2]);
    assert.deepEqual(levels[1]?.geotransform, [500000, 20, 0, 4000000, 0, -20]);
    assert.equal(cog.alphaBand, undefined);
    assert.equal(cog.nodata, undefined);
    assert.equal(info.metadata?.IMAGE_STRUCTURE?.INTERLEAVE, 'PIXEL');
    assert.equal(cog.planarConfiguration, 1);
  });

  it('gives the GeoKeys of the CRS it was made with', async () => {
    const cog = await open('rgb.tif');
    assert.equal(cog.geoKeys[3072], 32631); // ProjectedCRSGeoKey
    assert.equal(cog.geoKeys[1024], 1); // GTModelTypeGeoKey: projected
    assert.equal(cog.geoKeys[1025], 1); // GTRasterTypeGeoKey: PixelIsArea
  });

  it('reads the stored bytes of a block: pixel-interleaved, edge blocks padded to the tile size', async () => {
    const cog = await open('rgb.tif');
    const layout = cog.blockLayout(0);
    assert.deepEqual([layout.compression, layout.samplesPerPixel, layout.bitsPerSample, layout.photometric], [1, 3, 8, 2]);
    // Block (2, 1) covers x 512..767 and y 256..511 of a 600 x 400 image: only 88 x 144 pixels hold data.
    const bytes = await cog.readBlockBytes(0, 2, 1, 0);
    assert.ok(bytes);
    assert.equal(bytes.length, 256 * 256 * 3);
    for (const [x, y] of [
      [0, 0],
      [87, 143],
      [40, 77],
    ] as const) {
      for (let b = 0; b < 3; b += 1) assert.equal(bytes[(y * 256 + x) * 3 + b], patternValue(512 + x, 256 + y, b), `pixel ${x},${y} band ${b}`);
    }
  });

  it('finds the internal mask of every level, as gdalinfo does', async () => {
    const cog = await open('masked.tif');
    const info = gdalinfo(join(dir, 'masked.tif'));
    assert.deepEqual(info.bands[0]?.mask?.flags, ['PER_DATASET']);
    assert.equal(cog.levels.length, 1 + (info.bands[0]?.mask?.overviews?.length ?? 0));
    assert.ok(cog.levels.every((level) => level.hasMask));
    const mask = cog.maskLayout(1);
    assert.deepEqual([mask?.bitsPerSample, mask?.samplesPerPixel, mask?.photometric, mask?.compression], [1, 1, 4, 8]);
    const bytes = await cog.readMaskBytes(1, 0, 0);
    assert.ok(bytes && bytes.length > 0);
    assert.equal((await open('rgb.tif')).levels[0]?.hasMask, false);
  });

  it('names the alpha band from ExtraSamples', async () => {
    const cog = await open('alpha.tif');
    const info = gdalinfo(join(dir, 'alpha.tif'));
    assert.equal(info.bands[3]?.colorInterpretation, 'Alpha');
    assert.equal(cog.alphaBand, 3);
    assert.equal(cog.bandCount, 4);
  });

  it('shifts a PixelIsPoint raster by half a pixel, as GDAL does', async () => {
    const cog = await open('point.tif');
    const info = gdalinfo(join(dir, 'point.tif'));
    assert.equal(info.metadata?.['']?.AREA_OR_POINT, 'Point');
    assert.equal(cog.geoKeys[1025], 2);
    assert.deepEqual(cog.geotransform, info.geoTransform);
  });

  it('reads a nodata of nan and of -9999 with their sample types', async () => {
    const nan = await open('nan.tif');
    assert.equal(gdalinfo(join(dir, 'nan.tif')).bands[0]?.noDataValue, 'NaN');
    assert.ok(Number.isNaN(nan.nodata));
    assert.equal(nan.sampleType, 'float32');
    const int16 = await open('int16.tif');
    assert.equal(int16.nodata, gdalinfo(join(dir, 'int16.tif')).bands[0]?.noDataValue);
    assert.equal(int16.sampleType, 'int16');
  });

  it('reads a palette as RGBA entries equal to gdalinfo color table', async () => {
    const cog = await open('palette.tif');
    const table = gdalinfo(join(dir, 'palette.tif')).bands[0]?.colorTable;
    assert.ok(table && cog.colormap);
    assert.equal(cog.photometric, 3);
    assert.equal(cog.colormap.length, table.count * 4);
    assert.deepEqual(Array.from(cog.colormap), table.entries.flat());
  });

  it('reads band descriptions, scales and offsets from GDAL metadata', async () => {
    const cog = await open('described.tif');
    const info = gdalinfo(join(dir, 'described.tif'));
    assert.deepEqual(
      cog.bands.map((b) => [b.description, b.scale, b.offset]),
      info.bands.map((b) => [b.description, b.scale, b.offset]),
    );
    assert.equal(cog.bands[0]?.description, 'red & more');
  });

  it('reads a big-endian BigTIFF in strips as blocks of width x RowsPerStrip', async () => {
    const cog = await open('strips.tif');
    const info = gdalinfo(join(dir, 'strips.tif'));
    const level = cog.levels[0];
    assert.deepEqual([level?.blockWidth, level?.blockHeight], info.bands[0]?.block);
    assert.deepEqual([level?.tiled, level?.blocksAcross, level?.blocksDown], [false, 1, 5]);
    const layout = cog.blockLayout(0);
    assert.equal(layout.littleEndian, false);
    assert.equal(cog.sampleType, 'uint16');
    // Strip 2 holds rows 14..20; the last strip (rows 28, 29) is stored short.
    const strip = await cog.readBlockBytes(0, 0, 2, 0);
    assert.ok(strip);
    const view = new DataView(strip.buffer, strip.byteOffset, strip.byteLength);
    assert.equal(strip.length, 50 * 7 * 2);
    assert.equal(view.getUint16((3 * 50 + 9) * 2, false), patternValue(9, 17, 0) * 257);
    assert.equal((await cog.readBlockBytes(0, 0, 4, 0))?.length, 50 * 2 * 2);
  });

  it('reads bands stored apart from their own planes', async () => {
    const cog = await open('planar.tif');
    assert.equal(cog.planarConfiguration, 2);
    assert.equal(cog.blockLayout(0).samplesPerPixel, 1);
    const green = await cog.readBlockBytes(0, 1, 2, 1);
    assert.ok(green);
    assert.equal(green[5 * 128 + 3], patternValue(128 + 3, 256 + 5, 1));
    assert.equal(cog.blockIndex(0, 1, 2, 1), 5 * 4 + 2 * 5 + 1);
  });

  it('refuses a file that is not a TIFF with the reason', async () => {
    await assert.rejects(open('not-a-tiff.tif'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'BadRequest');
      assert.match(error.message, /not a readable TIFF.*byte-order mark/);
      return true;
    });
  });

  it('keeps headers by file and version, and reads a file again once it changed', async () => {
    const cache = new CogHeaderCache(1 << 20);
    const first = await open('rgb.tif', cache);
    const second = await open('rgb.tif', cache);
    assert.equal(second.header, first.header);
    assert.equal(cache.stats.hits, 1);
    gdal('gdal_translate', ['-q', '-of', 'COG', '-outsize', '50%', '50%', join(dir, 'rgb.bin'), join(dir, 'rgb.tif')]);
    const third = await open('rgb.tif', cache);
    assert.notEqual(third.header, first.header);
    assert.equal(third.width, 300);
  });
});
