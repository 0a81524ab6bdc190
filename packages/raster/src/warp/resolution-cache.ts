// The reprojected resolution of a source (a hundred or more exact transforms) depends only on the source's grid,
// its CRS, the destination CRS and the transformer: every tile of a raster needs the same one, so it is kept per
// transformer (transformers are shared per CRS pair) and per grid.
import type { Crs, Transformer } from '../types.js';
import { reprojectedResolution, type SourceGeometry } from './vrt-grid.js';

/** Grids remembered per transformer; the map is cleared when full (a new set of rasters is being read). */
const MAX_ENTRIES = 1024;
const byTransformer = new WeakMap<Transformer, Map<string, readonly [number, number]>>();

/** reprojectedResolution(source, dstCrs, transformer.forward, transformer.inverse), remembered. */
export function cachedReprojectedResolution(source: SourceGeometry, dstCrs: Crs, transformer: Transformer): [number, number] {
  let cache = byTransformer.get(transformer);
  if (cache === undefined) {
    cache = new Map();
    byTransformer.set(transformer, cache);
  }
  const gt = source.geotransform;
  const key = `${source.crs.id}\n${source.crs.proj4}\n${dstCrs.id}\n${dstCrs.proj4}\n${dstCrs.geographic}\n${source.width}x${source.height}\n${gt.join(',')}`;
  const known = cache.get(key);
  if (known !== undefined) return [known[0], known[1]];
  const resolution = reprojectedResolution(
    source,
    dstCrs,
    (x, y) => transformer.forward(x, y),
    (x, y) => transformer.inverse(x, y),
  );
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, [resolution[0], resolution[1]]);
  return resolution;
}
