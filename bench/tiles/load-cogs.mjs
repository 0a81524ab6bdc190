#!/usr/bin/env node
// The COGs the load benchmark serves when bench/tiles has not made its own: pixels from pqe's demo landscape
// (aerial RGB, DEM, land cover), written plain by pqe's writer, then turned into COGs by gdal_translate with the
// compressions found in the wild, so that every decoder and every kind of validity (mask, nodata, palette) is
// under load. Sizes, CRSs and places follow bench/tiles/reference_render.py --bench.
// usage: node bench/tiles/load-cogs.mjs OUT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aerialRaster, demNodata, demRaster, landCoverPalette, landCoverRaster, writeGeoTiff } from '@pqe/raster';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/tiles/load-cogs.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const utm31 = { epsg: 32631, geographic: false };
const utm18 = { epsg: 32618, geographic: false };
const wgs84 = { epsg: 4326, geographic: true };

/** Writes the raster plain, then gdal_translate makes OUT/name.tif a COG with `options`. */
async function cog(name, raster, options) {
  const plain = join(out, `${name}.plain.tif`);
  writeFileSync(plain, await writeGeoTiff({ ...raster, compression: 'none' }));
  const path = join(out, `${name}.tif`);
  execFileSync('gdal_translate', ['-q', '-of', 'COG', '-co', 'BLOCKSIZE=256', ...options.flatMap((o) => ['-co', o]), plain, path]);
  rmSync(plain);
  return { name, path };
}

/** True inside a rotated ellipse-ish footprint: the part of a scene that was flown or surveyed. */
function footprint(width, height, angle) {
  const inside = new Uint8Array(width * height);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x - width / 2) * c + (y - height / 2) * s;
      const v = -(x - width / 2) * s + (y - height / 2) * c;
      inside[y * width + x] = Math.abs(u) < width * 0.42 && Math.abs(v) < height * 0.4 ? 255 : 0;
    }
  }
  return inside;
}

const made = [];

// JPEG (YCbCr) RGB with an internal mask, UTM 31N, 2.5 m.
{
  const width = 1440;
  const height = 1200;
  const rgb = aerialRaster({ width, height, seed: 11 });
  const raster = { width, height, bands: 3, sampleType: 'uint8', data: rgb.data, mask: footprint(width, height, 0.2) };
  made.push(await cog('rgb_jpeg_mask', { ...raster, geotransform: [440000, 2.5, 0, 5400000, 0, -2.5], crs: utm31 }, ['COMPRESS=JPEG']));
  // The same pixels as WEBP (lossy), elsewhere.
  made.push(await cog('rgb_webp', { ...raster, mask: undefined, geotransform: [460000, 2.5, 0, 5380000, 0, -2.5], crs: utm31 }, ['COMPRESS=WEBP']));
}

// uint16, 4 bands (the aerial colours and the elevation, scaled), deflate with predictor, nodata 0, UTM 18N, 0.25 m.
{
  const width = 1000;
  const height = 1120;
  const rgb = aerialRaster({ width, height, seed: 12 });
  const dem = demRaster({ width, height, seed: 12 });
  const inside = footprint(width, height, -0.3);
  const data = new Uint16Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    if (inside[i] === 0) continue;
    for (let b = 0; b < 3; b++) data[i * 4 + b] = 1 + (rgb.data[i * 3 + b] ?? 0) * 70;
    data[i * 4 + 3] = 1 + Math.max(0, Math.round((dem.data[i] ?? 0) * 8));
  }
  const raster = { width, height, bands: 4, sampleType: 'uint16', data, nodata: 0, geotransform: [583000, 0.25, 0, 4507000, 0, -0.25], crs: utm18 };
  made.push(await cog('u16_deflate_nodata', raster, ['COMPRESS=DEFLATE', 'PREDICTOR=2']));
}

// float32 DEM with nodata -9999 outside its footprint, UTM 31N, 7.5 m: LZW, ZSTD and LERC.
{
  const width = 1040;
  const height = 880;
  const dem = demRaster({ width, height, seed: 13 });
  const raster = { width, height, bands: 1, sampleType: 'float32', data: dem.data, nodata: demNodata, crs: utm31 };
  made.push(await cog('dem_f32_lzw', { ...raster, geotransform: [500000, 7.5, 0, 4800000, 0, -7.5] }, ['COMPRESS=LZW', 'PREDICTOR=3']));
  made.push(await cog('dem_f32_zstd', { ...raster, geotransform: [510000, 7.5, 0, 4790000, 0, -7.5] }, ['COMPRESS=ZSTD', 'PREDICTOR=3']));
  made.push(await cog('dem_f32_lerc', { ...raster, geotransform: [520000, 7.5, 0, 4780000, 0, -7.5] }, ['COMPRESS=LERC', 'MAX_Z_ERROR=0.01']));
}

// Paletted uint8 land cover in EPSG:4326.
{
  const width = 1200;
  const height = 1000;
  const lc = landCoverRaster({ width, height, seed: 14 });
  const raster = {
    width,
    height,
    bands: 1,
    sampleType: 'uint8',
    data: lc.data,
    nodata: lc.nodata,
    colormap: landCoverPalette,
    geotransform: [5.0, 0.00075, 0, 46.0, 0, -0.00075],
    crs: wgs84,
  };
  made.push(await cog('palette_4326', raster, ['COMPRESS=DEFLATE']));
}

// Four RGB deflate rasters side by side (a mosaic's items), UTM 31N, 10 m.
for (let i = 0; i < 4; i++) {
  const size = 600;
  const rgb = aerialRaster({ width: size, height: size, seed: 15 }, (i % 2) * size, Math.floor(i / 2) * size);
  const gt = [600000 + (i % 2) * 6000, 10, 0, 5300000 - Math.floor(i / 2) * 6000, 0, -10];
  made.push(
    await cog(`mosaic_${i}`, { width: size, height: size, bands: 3, sampleType: 'uint8', data: rgb.data, geotransform: gt, crs: utm31 }, ['COMPRESS=DEFLATE']),
  );
}

writeFileSync(join(out, 'cogs.json'), JSON.stringify({ cogs: made }, null, 1));
console.log(made.map((c) => c.name).join(' '));
