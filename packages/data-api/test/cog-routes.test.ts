// The /cog routes end to end with the real raster engine, on a COG written by our own writer into a temp folder.
// The raster lies in EPSG:3857 exactly on the WebMercatorQuad grid at zoom 10 (2 x 2 tiles of 256 px), with pixel
// values made from their column and row, so that every answer can be derived by hand: a tile on the grid is the
// source window, a point is the value of the pixel under it.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpServer, silentLogger } from '@pqe/common';
import { decodeNpy, getTileMatrixSet, writeGeoTiff } from '@pqe/raster';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { dataApi } from '../src/data-api.js';
import { rasterCogEngine, rasterTileMatrixSets } from '../src/raster-engine.js';

const root = '/api/data/v1';
const dir = mkdtempSync(join(tmpdir(), 'pqe-cog-routes-'));
const cogPath = join(dir, 'grid.tif');
const notTiff = join(dir, 'not-a-tiff.tif');
const Z = 10;
const X0 = 524;
const Y0 = 330;
const SIZE = 512;
let app: FastifyInstance;

const value = (band: number, col: number, row: number) => (band === 0 ? col % 256 : band === 1 ? row % 256 : (col + row) % 256);

before(async () => {
  const tms = getTileMatrixSet('WebMercatorQuad');
  const [west, , east, north] = tms.tileBounds(Z, X0, Y0);
  const pixel = (east - west) / 256;
  const data = new Uint8Array(SIZE * SIZE * 3);
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) for (let b = 0; b < 3; b++) data[(row * SIZE + col) * 3 + b] = value(b, col, row);
  }
  const bytes = await writeGeoTiff({
    width: SIZE,
    height: SIZE,
    bands: 3,
    sampleType: 'uint8',
    data,
    geotransform: [west, pixel, 0, north, 0, -pixel],
    crs: { epsg: 3857, geographic: false },
    tileSize: 256,
    overviews: true,
  });
  await writeFile(cogPath, bytes);
  await writeFile(notTiff, 'this is text, not a TIFF');
  app = await createHttpServer({ logger: silentLogger(), corsOrigins: '*', requestTimeoutMs: 0 });
  await dataApi(app, {
    config: { dataRootPath: root, dataCacheControl: 'public, max-age=3600', localRoots: [dir], allowedHosts: [], dataDir: '.pqe', databaseUrl: undefined },
    engine: rasterCogEngine({ blockCacheBytes: 16 * 1024 * 1024 }),
    tms: rasterTileMatrixSets(),
  });
});

after(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const cog = (path: string, extra = '', url = cogPath, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `${root}/cog${path}?url=${encodeURIComponent(url)}${extra}`, headers });

/** Web Mercator metres to longitude / latitude, by the spherical formulas. */
function toLonLat(x: number, y: number): [number, number] {
  const r = 6378137;
  return [((x / r) * 180) / Math.PI, ((2 * Math.atan(Math.exp(y / r)) - Math.PI / 2) * 180) / Math.PI];
}

describe('/cog with the raster engine', () => {
  it('tells the dataset info: type, bands, bounds in lon/lat and its zoom range', async () => {
    const response = await cog('/info');
    assert.equal(response.statusCode, 200, response.body);
    const info = response.json() as { dtype: string; count: number; width: number; maxzoom: number; bounds: number[]; nodata_type: string };
    assert.equal(info.dtype, 'uint8');
    assert.equal(info.count, 3);
    assert.equal(info.width, SIZE);
    assert.equal(info.maxzoom, Z);
    assert.equal(info.nodata_type, 'None');
    const tms = getTileMatrixSet('WebMercatorQuad');
    const [w, s] = tms.tileBounds(Z, X0, Y0 + 1);
    const [, , e, n] = tms.tileBounds(Z, X0 + 1, Y0);
    const expected = [...toLonLat(w, s), ...toLonLat(e, n)];
    for (const [i, v] of info.bounds.entries()) assert.ok(Math.abs(v - (expected[i] as number)) < 1e-9, `${info.bounds} vs ${expected}`);
    assert.match(response.headers['cache-control'] as string, /max-age=3600/);
  });

  it('serves a tile on the grid as the very source window (npy: bands, then the mask)', async () => {
    const response = await cog(`/tiles/WebMercatorQuad/${Z}/${X0 + 1}/${Y0}.npy`);
    assert.equal(response.statusCode, 200, response.body);
    const npy = decodeNpy(new Uint8Array(response.rawPayload));
    assert.deepEqual(npy.shape, [4, 256, 256]);
    let wrong = 0;
    for (let b = 0; b < 3; b++) {
      for (let row = 0; row < 256; row++) {
        for (let col = 0; col < 256; col++) if (npy.data[b * 65536 + row * 256 + col] !== value(b, col + 256, row)) wrong++;
      }
    }
    assert.equal(wrong, 0);
    assert.ok(npy.data.subarray(3 * 65536).every((m) => m === 255));
  });

  it('encodes tiles as titiler does: JPEG when every pixel is valid, PNG with alpha on request, @2x at 512 px', async () => {
    const auto = await cog(`/tiles/${Z}/${X0}/${Y0}`);
    assert.equal(auto.statusCode, 200);
    assert.equal(auto.headers['content-type'], 'image/jpeg');
    const png = await cog(`/tiles/WebMercatorQuad/${Z}/${X0}/${Y0}@2x.png`);
    assert.equal(png.headers['content-type'], 'image/png');
    const meta = await sharp(png.rawPayload).metadata();
    assert.deepEqual([meta.width, meta.height, meta.channels], [512, 512, 4]);
    const raw = await sharp(png.rawPayload).raw().toBuffer();
    // Pixel (row 10, col 20) of a 512 px tile of 256 source pixels is source pixel (5, 10).
    const at = (10 * 512 + 20) * 4;
    assert.deepEqual([...raw.subarray(at, at + 4)], [value(0, 10, 5), value(1, 10, 5), value(2, 10, 5), 255]);
  });

  it('answers a conditional request with 304 when the tile has not changed', async () => {
    const first = await cog(`/tiles/WebMercatorQuad/${Z}/${X0}/${Y0}.png`);
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const again = await cog(`/tiles/WebMercatorQuad/${Z}/${X0}/${Y0}.png`, '', cogPath, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
  });

  it('rescales and selects bands, and writes a GeoTIFF', async () => {
    const response = await cog(`/tiles/WebMercatorQuad/${Z}/${X0}/${Y0}.png`, '&bidx=2&rescale=0,127');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((await sharp(response.rawPayload).metadata()).channels, 2, 'grey and alpha');
    const { data, info } = await sharp(response.rawPayload).raw().toBuffer({ resolveWithObject: true });
    // Row 100 holds 100 in band 2: rescaled from 0..127 to 0..255 it is 100 * 255 / 127 = 200.79, which rio-tiler
    // casts to uint8 by truncation: 200.
    assert.equal(data[(100 * 256 + 3) * info.channels], 200);
    const tif = await cog(`/tiles/WebMercatorQuad/${Z}/${X0}/${Y0}.tif`);
    assert.equal(tif.statusCode, 200);
    assert.equal(tif.headers['content-type'], 'image/tiff; application=geotiff');
    assert.deepEqual([...tif.rawPayload.subarray(0, 4)], [0x49, 0x49, 42, 0]);
  });

  it('gives a point the values of the pixel under it', async () => {
    const tms = getTileMatrixSet('WebMercatorQuad');
    const [west, , , north] = tms.tileBounds(Z, X0, Y0);
    const pixel = (tms.tileBounds(Z, X0, Y0)[2] - west) / 256;
    const [lon, lat] = toLonLat(west + (300 + 0.5) * pixel, north - (77 + 0.5) * pixel);
    const response = await cog(`/point/${lon},${lat}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { values: number[]; band_names: string[] };
    assert.deepEqual(body.values, [value(0, 300, 77), value(1, 300, 77), value(2, 300, 77)]);
    assert.deepEqual(body.band_names, ['b1', 'b2', 'b3']);
  });

  it('makes previews, bbox crops, feature crops and statistics', async () => {
    const preview = await cog('/preview.png', '&max_size=128');
    assert.equal(preview.statusCode, 200, preview.body);
    const meta = await sharp(preview.rawPayload).metadata();
    assert.deepEqual([meta.width, meta.height], [128, 128]);

    const [w, s, e, n] = (await cog('/bounds')).json().bounds as [number, number, number, number];
    const inner = [w + (e - w) / 4, s + (n - s) / 4, e - (e - w) / 4, n - (n - s) / 4] as [number, number, number, number];
    const bbox = await cog(`/bbox/${inner.join(',')}/64x64.png`);
    assert.equal(bbox.statusCode, 200, bbox.body);
    assert.deepEqual([(await sharp(bbox.rawPayload).metadata()).width, (await sharp(bbox.rawPayload).metadata()).height], [64, 64]);

    const ring = [
      [inner[0], inner[1]],
      [inner[2], inner[1]],
      [inner[0], inner[3]],
      [inner[0], inner[1]],
    ];
    const feature = await app.inject({
      method: 'POST',
      url: `${root}/cog/feature.png?url=${encodeURIComponent(cogPath)}&max_size=64`,
      payload: { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} },
    });
    assert.equal(feature.statusCode, 200, feature.body);
    const { data, info } = await sharp(feature.rawPayload).raw().toBuffer({ resolveWithObject: true });
    // A triangle: the corner opposite the right angle is outside it, the right-angle corner inside.
    const alpha = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3];
    assert.equal(alpha(info.width - 2, 1), 0);
    assert.equal(alpha(1, info.height - 2), 255);

    const statistics = await cog('/statistics');
    assert.equal(statistics.statusCode, 200, statistics.body);
    const b1 = (statistics.json() as Record<string, { min: number; max: number; mean: number; valid_pixels: number }>).b1;
    assert.deepEqual([b1?.min, b1?.max, b1?.mean, b1?.valid_pixels], [0, 255, 127.5, SIZE * SIZE]);
  });

  it('describes the tiles in TileJSON and WMTS with the dataset zooms', async () => {
    const tilejson = await cog('/WebMercatorQuad/tilejson.json', '&tile_format=png');
    assert.equal(tilejson.statusCode, 200, tilejson.body);
    const doc = tilejson.json() as { tiles: string[]; maxzoom: number; minzoom: number };
    assert.equal(doc.maxzoom, Z);
    assert.match(doc.tiles[0] as string, /\/cog\/tiles\/WebMercatorQuad\/\{z\}\/\{x\}\/\{y\}@1x\.png\?url=/);
    const wmts = await cog('/WebMercatorQuad/WMTSCapabilities.xml');
    assert.equal(wmts.statusCode, 200);
    assert.match(wmts.body, /<Capabilities/);
  });

  it('refuses what it cannot serve: tiles outside, files that are not TIFFs, kernels it lacks', async () => {
    const outside = await cog(`/tiles/WebMercatorQuad/${Z}/10/10.png`);
    assert.equal(outside.statusCode, 404);
    assert.equal((outside.json() as { detail: string }).detail, 'Tile(x=10, y=10, z=10) is outside bounds');
    const text = await cog('/info', '', notTiff);
    assert.equal(text.statusCode, 400);
    assert.match((text.json() as { detail: string }).detail, /TIFF/);
    const lanczos = await cog(`/tiles/WebMercatorQuad/${Z}/${X0}/${Y0}.png`, '&resampling=lanczos');
    assert.equal(lanczos.statusCode, 400);
    assert.match((lanczos.json() as { detail: string }).detail, /resampling=lanczos is not supported/);
  });
});
