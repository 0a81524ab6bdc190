import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toErrorResponse } from '@pqe/common';
import { parseCrs } from '../src/params/crs-param.js';
import { parseFeatureBody } from '../src/params/feature-body.js';
import { parseBBoxPath, parseFormat, parsePointPath, parseSizeAndFormat, parseTilePath } from '../src/params/path-params.js';
import {
  bboxRequest,
  partRequest,
  pointRequest,
  previewRequest,
  type Query,
  readOptions,
  statisticsRequest,
  tileRequest,
  tilesetRequest,
} from '../src/params/requests.js';

/** Asserts that `fn` is refused with a 400 whose message matches `message`. */
function assert400(fn: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, 'expected an error');
  const { status, body } = toErrorResponse(thrown);
  assert.equal(status, 400, body.description);
  assert.match(body.description, message);
}

const url = '/data/a.tif';

describe('tile paths', () => {
  it('read every shape titiler has, with and without a TileMatrixSet', () => {
    assert.deepEqual(parseTilePath('WebMercatorQuad/3/2/1'), { tms: 'WebMercatorQuad', z: 3, x: 2, y: 1, scale: 1 });
    assert.deepEqual(parseTilePath('WebMercatorQuad/3/2/1@2x'), { tms: 'WebMercatorQuad', z: 3, x: 2, y: 1, scale: 2 });
    assert.deepEqual(parseTilePath('WorldCRS84Quad/3/2/1.png'), { tms: 'WorldCRS84Quad', z: 3, x: 2, y: 1, scale: 1, format: 'png' });
    assert.deepEqual(parseTilePath('WebMercatorQuad/3/2/1@4x.webp'), { tms: 'WebMercatorQuad', z: 3, x: 2, y: 1, scale: 4, format: 'webp' });
    assert.deepEqual(parseTilePath('3/2/1'), { z: 3, x: 2, y: 1, scale: 1 });
    assert.deepEqual(parseTilePath('3/2/1@3x.npy'), { z: 3, x: 2, y: 1, scale: 3, format: 'npy' });
  });

  it('keep negative and huge indexes for the range check (404), as titiler does', () => {
    assert.equal(parseTilePath('3/-1/1').x, -1);
    assert.ok(parseTilePath('3/99999999999999999999/1').x > 2 ** 40);
    assert.equal(parseTilePath('3/2/-99999999999999999999').y, -1);
  });

  const bad: [string, RegExp][] = [
    ['3/a/1', /x must be a whole number \(the tile's column\), got "a"/],
    ['z/2/1', /z must be a whole number \(the tile's zoom level\)/],
    ['3/2/1.5.png', /Unknown image format "5.png"/],
    ['3/2/y.png', /y must be a whole number/],
    ['3/2/1@0x', /scale \(@\{scale\}x\) must be 1, 2, 3 or 4, got "0"/],
    ['3/2/1@5x.png', /must be 1, 2, 3 or 4, got "5"/],
    ['3/2/1@x.png', /must be 1, 2, 3 or 4, got ""/],
    ['3/2/1@2', /\{y\}\[@\{scale\}x\]\[\.\{format\}\]/],
    ['3/2/1.gif', /Unknown image format "gif"; use one of png, jpeg/],
    ['3/2/1.jp2', /jp2 format is not supported/],
    ['3/2', /A tile path is \/tiles\/\{tileMatrixSetId\}\/\{z\}\/\{x\}\/\{y\}/],
    ['a/b/3/2/1', /A tile path is/],
    ['/3/2/1', /TileMatrixSet id of a tile path is empty/],
  ];
  for (const [path, message] of bad) {
    it(`refuse ${JSON.stringify(path)} with a 400 that says what to send`, () => assert400(() => parseTilePath(path), message));
  }
});

describe('formats', () => {
  it('are the seven titiler has but jp2', () => {
    for (const f of ['png', 'jpeg', 'jpg', 'webp', 'pngraw', 'npy', 'tif']) assert.equal(parseFormat(f), f);
  });
  it('refuse jp2 by name, and unknown ones listing the known', () => {
    assert400(() => parseFormat('jp2'), /^The jp2 format is not supported by this server; use one of png, jpeg, jpg, webp, pngraw, npy, tif\.$/);
    assert400(() => parseFormat('PNG'), /Unknown image format "PNG"/);
  });
});

describe('the tile request', () => {
  it('gathers the read, tile and render parameters with titiler defaults', () => {
    assert.deepEqual(tileRequest('3/2/1', { url }), {
      url,
      tms: 'WebMercatorQuad',
      z: 3,
      x: 2,
      y: 1,
      tile: { unscale: false, resampling: 'nearest', reproject: 'nearest', tileSize: 256, buffer: 0, padding: 0 },
      encode: { addMask: true },
    });
  });

  it('reads every parameter the brief of the route names', () => {
    const query: Query = {
      url,
      bidx: ['3', '1,2'],
      nodata: '-9999',
      unscale: 'true',
      resampling: 'cubic_spline',
      reproject: 'q3',
      buffer: '1.5',
      padding: '2',
      rescale: ['0,255', '[10, 20]'],
      return_mask: 'false',
    };
    const req = tileRequest('WebMercatorQuad/3/2/1@2x.png', query);
    assert.deepEqual(req.tile, {
      bidx: [3, 1, 2],
      nodata: -9999,
      unscale: true,
      resampling: 'cubic_spline',
      reproject: 'q3',
      tileSize: 512,
      buffer: 1.5,
      padding: 2,
    });
    assert.deepEqual(req.encode, {
      format: 'png',
      addMask: false,
      rescale: [
        [0, 255],
        [10, 20],
      ],
    });
  });

  it('lets tilesize replace 256 × scale', () => {
    assert.equal(tileRequest('3/2/1@2x', { url, tilesize: '300' }).tile.tileSize, 300);
  });

  it('reads nodata as a number, nan, inf or -inf', () => {
    const nodata = (value: string) => readOptions({ nodata: value }).nodata;
    assert.ok(Number.isNaN(nodata('nan')));
    assert.equal(nodata('inf'), Number.POSITIVE_INFINITY);
    assert.equal(nodata('-inf'), Number.NEGATIVE_INFINITY);
    assert.equal(nodata('1e3'), 1000);
    assert.equal(nodata('-0.5'), -0.5);
  });

  const bad: [string, Query, RegExp][] = [
    ['no url', {}, /^url: required: URL of the COG/],
    ['an empty url', { url: ' ' }, /^url: give the https URL or the local path of a COG/],
    ['two urls', { url: ['/a.tif', '/b.tif'] }, /^url: give this parameter once/],
    ['an expression in bidx', { url, bidx: 'b1/b2' }, /^bidx\.0: band indexes are whole numbers from 1 .*band math is not supported in bidx/],
    ['bidx 0', { url, bidx: '0' }, /^bidx\.0: band indexes are whole numbers from 1/],
    ['a fractional bidx', { url, bidx: '1.5' }, /^bidx\.0: band indexes/],
    ['an empty bidx', { url, bidx: '' }, /^bidx\.0: band indexes/],
    ['nodata "none"', { url, nodata: 'none' }, /^nodata: expected a number, nan, inf or -inf, got "none"/],
    ['nodata in hexadecimal', { url, nodata: '0x10' }, /^nodata: expected a number/],
    ['unscale "maybe"', { url, unscale: 'maybe' }, /^unscale: expected true or false, got "maybe"/],
    [
      'an unknown resampling',
      { url, resampling: 'max' },
      /^resampling: expected one of nearest, bilinear, cubic, cubic_spline, lanczos, average, mode, gauss, rms, got "max"/,
    ],
    ['an unknown reproject', { url, reproject: 'gauss' }, /^reproject: expected one of nearest, .*rms, got "gauss"/],
    ['a rescale of one number', { url, rescale: '10' }, /^rescale\.0: expected rescale as min,max, got "10"/],
    ['a rescale of three numbers', { url, rescale: '0,1,2' }, /^rescale\.0: expected rescale as min,max/],
    ['a rescale with min above max', { url, rescale: '255,0' }, /^rescale\.0: the minimum 255 is above the maximum 0/],
    ['a rescale with a word', { url, rescale: '0,max' }, /^rescale\.0: expected rescale as min,max \(numbers separated by commas\), got "max"/],
    ['a buffer of 0.3', { url, buffer: '0.3' }, /^buffer: expected a multiple of 0\.5 from 0 to 128/],
    ['a negative buffer', { url, buffer: '-1' }, /^buffer: expected a multiple of 0\.5/],
    ['a huge buffer', { url, buffer: '1000' }, /^buffer: expected a multiple of 0\.5 from 0 to 128/],
    ['a fractional padding', { url, padding: '1.5' }, /^padding: expected a whole number from 0 to 128, got "1\.5"/],
    ['a negative padding', { url, padding: '-2' }, /^padding: expected a whole number from 0 to 128, got -2/],
    ['a tilesize of 0', { url, tilesize: '0' }, /^tilesize: expected a tile size in pixels from 1 to 1024, got 0/],
    ['a tilesize of 4096', { url, tilesize: '4096' }, /^tilesize: expected a tile size in pixels from 1 to 1024/],
    ['return_mask twice', { url, return_mask: ['true', 'false'] }, /^return_mask: give this parameter once/],
    ['an expression', { url, expression: 'b1/b2' }, /^expression: not supported by this server yet; send the request without it\.$/],
    [
      'a colormap and a formula',
      { url, colormap_name: 'viridis', color_formula: 'gamma r 2' },
      /^colormap_name, color_formula: not supported .*without them\.$/,
    ],
    ['300 band indexes', { url, bidx: Array.from({ length: 300 }, () => '1') }, /^bidx: at most 256 values/],
    ['a parameter of 5000 characters', { url, nodata: '1'.repeat(5000) }, /^nodata: longer than 4096 characters/],
  ];
  for (const [name, query, message] of bad) {
    it(`refuses ${name} with a 400 naming the parameter`, () => assert400(() => tileRequest('3/2/1', query), message));
  }
});

describe('tilejson, WMTS and map parameters', () => {
  it('default to scale 1 and the dataset zooms', () => {
    assert.deepEqual(tilesetRequest({ url }), { url, tileScale: 1 });
    assert.deepEqual(tilesetRequest({ url, tile_format: 'webp', tile_scale: '2', minzoom: '3', maxzoom: '9' }), {
      url,
      tileScale: 2,
      tileFormat: 'webp',
      minzoom: 3,
      maxzoom: 9,
    });
  });

  const bad: [string, Query, RegExp][] = [
    ['a tile_scale of 5', { url, tile_scale: '5' }, /^tile_scale: expected a scale from 1 to 4, got 5/],
    ['a tile_format of jp2', { url, tile_format: 'jp2' }, /^tile_format: jp2 is not supported by this server/],
    ['a minzoom above maxzoom', { url, minzoom: '9', maxzoom: '3' }, /^minzoom \(9\) is above maxzoom \(3\)\.$/],
    ['a maxzoom of 31', { url, maxzoom: '31' }, /^maxzoom: expected a zoom level from 0 to 30, got 31/],
    ['a bad tile parameter it would forward', { url, buffer: 'x' }, /^buffer: expected a number of pixels, got "x"/],
    ['a bad render parameter it would forward', { url, rescale: '1' }, /^rescale\.0: expected rescale as min,max/],
  ];
  for (const [name, query, message] of bad) {
    it(`refuse ${name}`, () => assert400(() => tilesetRequest(query), message));
  }
});

describe('preview, bbox, feature, point and statistics parameters', () => {
  it('give the preview a max_size of 1024 unless width and height are both set', () => {
    assert.equal(previewRequest({ url }, undefined).preview.maxSize, 1024);
    assert.deepEqual(previewRequest({ url, width: '300', max_size: '200' }, 'png').preview.width, 300);
    const both = previewRequest({ url, width: '300', height: '200', max_size: '100' }, 'png').preview;
    assert.equal(both.maxSize, undefined);
    assert.equal(both.width, 300);
    assert.equal(both.height, 200);
  });

  it('give parts no max_size unless asked, and take CRSs in their usual forms', () => {
    const { part } = partRequest({ url, dst_crs: 'epsg:3857', coord_crs: 'http://www.opengis.net/def/crs/EPSG/0/32631' }, 'tif');
    assert.equal(part.maxSize, undefined);
    assert.equal(part.dstCrs, 'EPSG:3857');
    assert.equal(part.coordCrs, 'EPSG:32631');
  });

  it('take the size of a bbox from its path', () => {
    const req = bboxRequest('-10.5,40,10,50.25/512x256.jpg', { url, max_size: '100' });
    assert.deepEqual(req.bbox, [-10.5, 40, 10, 50.25]);
    assert.equal(req.part.width, 512);
    assert.equal(req.part.height, 256);
    assert.equal(req.encode.format, 'jpg');
  });

  it('read a point in any CRS given', () => {
    assert.deepEqual(pointRequest('-3.7,40.4', { url }), {
      url,
      lon: -3.7,
      lat: 40.4,
      point: { unscale: false, resampling: 'nearest', reproject: 'nearest' },
    });
  });

  it('give statistics titiler defaults: percentiles 2 and 98, 10 bins, max_size 1024', () => {
    assert.deepEqual(statisticsRequest({ url }).statistics, {
      unscale: false,
      resampling: 'nearest',
      reproject: 'nearest',
      maxSize: 1024,
      categorical: false,
      percentiles: [2, 98],
      histogramBins: 10,
    });
    const s = statisticsRequest({ url, categorical: 'yes', c: ['1', '2.5'], p: ['5', '95'], histogram_bins: '0,10,100', histogram_range: '0,100' }).statistics;
    assert.deepEqual([s.categorical, s.categories, s.percentiles, s.histogramBins, s.histogramRange], [true, [1, 2.5], [5, 95], [0, 10, 100], [0, 100]]);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['a max_size of 0', () => previewRequest({ url, max_size: '0' }, undefined), /^max_size: expected a size in pixels from 1 to 4096, got 0/],
    ['a width of 10000', () => previewRequest({ url, width: '10000' }, undefined), /^width: expected a width in pixels from 1 to 4096/],
    ['a dst_crs in WKT', () => previewRequest({ url, dst_crs: 'GEOGCS["WGS 84"]' }, undefined), /^dst_crs: expected EPSG:<code>/],
    ['a coord_crs of EPSG:0', () => pointRequest('1,2', { url, coord_crs: 'EPSG:0' }), /^coord_crs: expected EPSG:<code>/],
    ['a point of one number', () => pointRequest('1', { url }), /A point is \/point\/\{lon\},\{lat\}/],
    ['a point with a word', () => pointRequest('1,north', { url }), /^lat must be a number, got "north"/],
    ['a bbox of three numbers', () => bboxRequest('1,2,3.png', { url }), /A bbox is four numbers, minx,miny,maxx,maxy; got "1,2,3"/],
    ['a bbox without a format', () => bboxRequest('1,2,3,4', { url }), /A bbox path ends with the image format/],
    ['an inverted bbox', () => bboxRequest('10,2,3,4.png', { url }), /A bbox needs minx < maxx and miny < maxy/],
    ['a bbox size of 0', () => bboxRequest('1,2,3,4/0x10.png', { url }), /The width must be from 1 to 4096 pixels, got 0/],
    ['a bbox size without a format', () => bboxRequest('1,2,3,4/10x10', { url }), /An image size is \{width\}x\{height\}\.\{format\}/],
    ['a percentile of 101', () => statisticsRequest({ url, p: '101' }), /^p\.0: expected a percentile from 0 to 100, got 101/],
    ['histogram edges that go down', () => statisticsRequest({ url, histogram_bins: '0,10,5' }), /^histogram_bins: bin edges must increase/],
    ['0 histogram bins', () => statisticsRequest({ url, histogram_bins: '0' }), /^histogram_bins: expected a number of bins from 1 to 1024, got 0/],
    ['a histogram range upside down', () => statisticsRequest({ url, histogram_range: '10,0' }), /^histogram_range: the minimum 10 is above the maximum 0/],
    ['a category that is not a number', () => statisticsRequest({ url, c: 'water' }), /^c\.0: expected a pixel value, got "water"/],
  ];
  for (const [name, fn, message] of bad) {
    it(`refuse ${name}`, () => assert400(fn, message));
  }
});

describe('path values', () => {
  it('read sizes, points and bboxes in exponent form too', () => {
    assert.deepEqual(parseSizeAndFormat('512x256.png'), { width: 512, height: 256, format: 'png' });
    assert.deepEqual(parsePointPath('1e2,-2.5E-1'), { lon: 100, lat: -0.25 });
    assert.deepEqual(parseBBoxPath('0,1,2,3.png'), { bbox: [0, 1, 2, 3], format: 'png' });
    assert.deepEqual(parseBBoxPath('0.5,1.5,2.5,3.5.webp').bbox, [0.5, 1.5, 2.5, 3.5]);
  });
});

describe('CRS parameters', () => {
  const cases: [string, string][] = [
    ['EPSG:4326', 'EPSG:4326'],
    ['epsg:3857', 'EPSG:3857'],
    ['http://www.opengis.net/def/crs/EPSG/0/32631', 'EPSG:32631'],
    ['urn:ogc:def:crs:EPSG::2193', 'EPSG:2193'],
    ['OGC:CRS84', 'OGC:CRS84'],
    ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'OGC:CRS84'],
  ];
  for (const [given, expected] of cases) {
    it(`read ${given} as ${expected}`, () => assert.equal(parseCrs(given), expected));
  }
});

describe('the feature body', () => {
  const square = [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ];

  it('is a Feature with a Polygon or a MultiPolygon', () => {
    assert.equal(parseFeatureBody({ type: 'Feature', geometry: { type: 'Polygon', coordinates: square }, properties: {} }).geometry.type, 'Polygon');
    assert.equal(
      parseFeatureBody({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square] }, properties: null }).geometry.type,
      'MultiPolygon',
    );
  });

  const bad: [string, unknown, RegExp][] = [
    ['no body', undefined, /the body must be a GeoJSON Feature|expected object/],
    ['a bare geometry', { type: 'Polygon', coordinates: square }, /the body must be a GeoJSON Feature/],
    ['a point', { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }, /the geometry must be a GeoJSON Polygon or MultiPolygon/],
    [
      'a ring of 3 positions',
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square[0]?.slice(0, 3)] } },
      /a polygon ring has at least 4 positions/,
    ],
    [
      'a coordinate that is a string',
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[['0', 0], ...(square[0]?.slice(1) ?? [])]] } },
      /expected number/,
    ],
    [
      'more than 100000 positions',
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [Array.from({ length: 100_001 }, () => [0, 0])] } },
      /more than 100000 positions; simplify it/,
    ],
  ];
  for (const [name, body, message] of bad) {
    it(`refuses ${name} with a 400`, () => assert400(() => parseFeatureBody(body), message));
  }
});
