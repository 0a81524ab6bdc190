// WebMercatorQuad as the OGC TileMatrixSet 2.0 standard defines it (Annex D): EPSG:3857, 256-pixel tiles, a
// 2^z × 2^z matrix at zoom z, origin at (-20037508.3427892, 20037508.3427892), cell size 156543.033928041 m
// and scale denominator 559082264.028717 at zoom 0, both halved at each zoom. The routes' tests use it to
// check tile ranges and the documents that list matrices; the registry of @pqe/raster serves the same numbers.
import type { TileMatrixInfo, TmsInfo, TmsProvider } from '../src/tms-provider.js';

const HALF_WORLD = 20037508.3427892;

function level(z: number): TileMatrixInfo {
  return {
    id: String(z),
    scaleDenominator: 559082264.028717 / 2 ** z,
    cellSize: 156543.033928041 / 2 ** z,
    pointOfOrigin: [-HALF_WORLD, HALF_WORLD],
    tileWidth: 256,
    tileHeight: 256,
    matrixWidth: 2 ** z,
    matrixHeight: 2 ** z,
  };
}

const tileMatrices = Array.from({ length: 25 }, (_, z) => level(z));

export const webMercatorQuad: TmsInfo = {
  id: 'WebMercatorQuad',
  title: 'Google Maps Compatible for the World',
  crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
  tileMatrices,
  matrix: (zoom) => tileMatrices[zoom],
  boundingBox: [-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD],
  document: {
    id: 'WebMercatorQuad',
    title: 'Google Maps Compatible for the World',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    orderedAxes: ['X', 'Y'],
    tileMatrices: tileMatrices.map((m) => ({ ...m, cornerOfOrigin: 'topLeft' })),
  },
};

export const oneTms: TmsProvider = { ids: () => ['WebMercatorQuad'], get: (id) => (id === 'WebMercatorQuad' ? webMercatorQuad : undefined) };
