import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardedQuery, tilejsonOwnKeys, wmtsOwnKeys } from '../src/forwarded-query.js';
import { scriptJson } from '../src/map-viewer.js';
import { localRoots } from '../src/source-policy.js';
import { epsgOf, tileJson, tileUrlTemplate, wmtsCapabilities } from '../src/tileset-documents.js';
import { requireTileInMatrix } from '../src/tms-provider.js';
import { webMercatorQuad } from './web-mercator-quad.js';

describe('the forwarded query', () => {
  it('keeps the tile parameters in order with their repeats, and drops the document ones in any case', () => {
    const url = '/cog/tilejson.json?url=%2Fdata%2Fa.tif&bidx=1&tile_format=png&TILE_SCALE=2&bidx=3&minzoom=2&maxzoom=9&rescale=0%2C255';
    assert.equal(forwardedQuery(url, tilejsonOwnKeys), '?url=%2Fdata%2Fa.tif&bidx=1&bidx=3&rescale=0%2C255');
  });

  it('drops the OGC request keys from WMTS tile URLs', () => {
    assert.equal(forwardedQuery('/x?SERVICE=WMTS&REQUEST=GetCapabilities&use_epsg=true&url=u', wmtsOwnKeys), '?url=u');
  });

  it('is empty when nothing is left', () => {
    assert.equal(forwardedQuery('/x', tilejsonOwnKeys), '');
    assert.equal(forwardedQuery('/x?minzoom=1', tilejsonOwnKeys), '');
  });
});

describe('TileJSON', () => {
  it('has the TMS in its tile URL, and its center in the middle of the bounds at minzoom (titiler)', () => {
    const tiles = tileUrlTemplate('https://h/api/data/v1', 'WebMercatorQuad', 2, 'webp', '?url=u');
    assert.equal(tiles, 'https://h/api/data/v1/cog/tiles/WebMercatorQuad/{z}/{x}/{y}@2x.webp?url=u');
    assert.deepEqual(tileJson(tiles, { bounds: [-10, 40, 0, 50], minzoom: 5, maxzoom: 12 }), {
      tilejson: '2.2.0',
      version: '1.0.0',
      scheme: 'xyz',
      tiles: [tiles],
      minzoom: 5,
      maxzoom: 12,
      bounds: [-10, 40, 0, 50],
      center: [-5, 45, 5],
    });
  });

  it('leaves the extension off when no format is asked (JPEG or PNG per tile)', () => {
    assert.equal(tileUrlTemplate('', 'WebMercatorQuad', 1, undefined, ''), '/cog/tiles/WebMercatorQuad/{z}/{x}/{y}@1x');
  });
});

describe('WMTS capabilities', () => {
  const tilesUrl = tileUrlTemplate('https://h/d', 'WebMercatorQuad', 1, 'png', '?url=%2Fa&b=<x>', ['{TileMatrix}', '{TileCol}', '{TileRow}']);
  const xml = wmtsCapabilities({
    title: '/data/a&b<c>.tif',
    selfUrl: 'https://h/d/cog/WMTSCapabilities.xml?url=%2Fa',
    tilesUrl,
    mediaType: 'image/png',
    tms: webMercatorQuad,
    tileset: { bounds: [-10, 40, 0, 50], minzoom: 2, maxzoom: 4 },
    useEpsg: false,
  });

  it('lists the TileMatrixSet levels from minzoom to maxzoom with the standard numbers', () => {
    const levels = [...xml.matchAll(/<TileMatrix><ows:Identifier>(\d+)<\/ows:Identifier><ScaleDenominator>([\d.e+]+)<\/ScaleDenominator>/g)];
    assert.deepEqual(
      levels.map((m) => m[1]),
      ['2', '3', '4'],
    );
    // 559082264.028717 / 2^2, the WebMercatorQuad scale denominator at zoom 2.
    assert.equal(Number(levels[0]?.[2]), 559082264.028717 / 4);
    assert.match(xml, /<TopLeftCorner>-20037508\.3427892 20037508\.3427892<\/TopLeftCorner>/);
    assert.match(xml, /<MatrixWidth>16<\/MatrixWidth><MatrixHeight>16<\/MatrixHeight><\/TileMatrix>\n<\/TileMatrixSet>/);
  });

  it('escapes the title and the URLs, and names the CRS by URI or, with use_epsg, by EPSG code', () => {
    assert.ok(!xml.includes('<c>') && !xml.includes('b=<x>'));
    assert.match(xml, /<ows:Title>\/data\/a&amp;b&lt;c&gt;\.tif<\/ows:Title>/);
    assert.match(xml, /template="https:\/\/h\/d\/cog\/tiles\/WebMercatorQuad\/\{TileMatrix\}\/\{TileCol\}\/\{TileRow\}@1x\.png\?url=%2Fa&amp;b=&lt;x&gt;"/);
    assert.match(xml, /<ows:SupportedCRS>http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/3857<\/ows:SupportedCRS>/);
    assert.equal(epsgOf(webMercatorQuad.crs), 'EPSG:3857');
    assert.equal(epsgOf('http://www.opengis.net/def/crs/OGC/1.3/CRS84'), 'http://www.opengis.net/def/crs/OGC/1.3/CRS84');
  });
});

describe('tile ranges', () => {
  it('accept the last tile of a level and refuse the one after it', () => {
    assert.equal(requireTileInMatrix(webMercatorQuad, 3, 7, 7).matrixWidth, 8);
    assert.throws(
      () => requireTileInMatrix(webMercatorQuad, 3, 8, 0),
      /^AppError: Tile\(x=8, y=0, z=3\) is outside bounds: at zoom 3 of WebMercatorQuad, x goes from 0 to 7/,
    );
    assert.throws(() => requireTileInMatrix(webMercatorQuad, 25, 0, 0), /Tile\(x=0, y=0, z=25\) is outside bounds: WebMercatorQuad has zoom levels 0 to 24/);
  });
});

describe('the map page JSON', () => {
  it('cannot close its script element nor start a comment', () => {
    const text = scriptJson({ url: '</script><!-- & \u2028' });
    assert.ok(!/[<>&\u2028]/.test(text));
    assert.deepEqual(JSON.parse(text), { url: '</script><!-- & \u2028' });
  });
});

describe('the local roots', () => {
  const base = { dataDir: '/var/lib/pqe', allowedHosts: [] };
  it('are the configured folders when there are some', () => {
    assert.deepEqual(localRoots({ ...base, localRoots: ['/srv/cogs', '/mnt/x/'], databaseUrl: undefined }), ['/srv/cogs', '/mnt/x']);
  });
  it('default to the data dir with the embedded database, and to none with PostgreSQL', () => {
    assert.deepEqual(localRoots({ ...base, localRoots: [], databaseUrl: undefined }), ['/var/lib/pqe']);
    assert.deepEqual(localRoots({ ...base, localRoots: [], databaseUrl: 'postgres://db/stac' }), []);
  });
});
