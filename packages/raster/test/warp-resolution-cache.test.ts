// The remembered reprojected resolution: the same numbers as computing it, per grid and per CRS pair.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transformer } from '../src/crs/transformer.js';
import { getTileMatrixSet } from '../src/tms/tile-matrix-sets.js';
import type { Crs } from '../src/types.js';
import { cachedReprojectedResolution } from '../src/warp/resolution-cache.js';
import { reprojectedResolution, type SourceGeometry } from '../src/warp/vrt-grid.js';

const wmq = getTileMatrixSet('WebMercatorQuad');
const utm: Crs = { id: 'EPSG:32631', proj4: '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs', geographic: false };
const lonlat: Crs = { id: 'EPSG:4326', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true };

function direct(source: SourceGeometry, dst: Crs): [number, number] {
  const t = transformer(source.crs, dst);
  return reprojectedResolution(
    source,
    dst,
    (x, y) => t.forward(x, y),
    (x, y) => t.inverse(x, y),
  );
}

describe('cachedReprojectedResolution', () => {
  it('gives what reprojectedResolution computes, for each grid and CRS, asked once or again', () => {
    const sources: SourceGeometry[] = [
      { width: 1440, height: 1200, geotransform: [440000, 10, 0, 5400000, 0, -10], crs: utm },
      { width: 1440, height: 1200, geotransform: [440000, 20, 0, 5400000, 0, -20], crs: utm },
      { width: 700, height: 1200, geotransform: [440000, 10, 0, 5400000, 0, -10], crs: utm },
      // A world raster: rio-tiler clamps its latitudes for Web Mercator.
      { width: 3600, height: 1800, geotransform: [-180, 0.1, 0, 90, 0, -0.1], crs: lonlat },
    ];
    for (let round = 0; round < 2; round++) {
      for (const source of sources) {
        for (const dst of [wmq.crs, lonlat]) {
          assert.deepEqual(cachedReprojectedResolution(source, dst, transformer(source.crs, dst)), direct(source, dst));
        }
      }
    }
  });
});
