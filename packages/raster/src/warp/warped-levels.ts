// The levels of rio-tiler's warped grid (a GDAL WarpedVRT): level 0 warps the full-resolution source, and each
// source overview gives an implicit overview of the grid, sized and placed as GDAL 3.8 sizes them.
import type { GeoTransform } from '../types.js';
import type { PointsTransform } from './approx-transformer.js';
import { invertGeoTransform } from './geotransform.js';

export interface WarpedLevel {
  width: number;
  height: number;
  /** Of this level of the warped grid, destination CRS. */
  transform: GeoTransform;
  /** The source level it warps, and that level's size. */
  sourceLevel: number;
  sourceWidth: number;
  sourceHeight: number;
  /** Inverse geotransform of that source level: source CRS → its pixels. */
  sourceInverse: GeoTransform;
}

/** Every level of a `width` x `height` warped grid with `transform`, over a source with `levels` (level 0 first). */
export function warpedLevels(
  width: number,
  height: number,
  transform: GeoTransform,
  sourceTransform: GeoTransform,
  levels: ReadonlyArray<{ width: number; height: number }>,
): WarpedLevel[] {
  const base = levels[0];
  if (!base) return [];
  const out: WarpedLevel[] = [
    { width, height, transform, sourceLevel: 0, sourceWidth: base.width, sourceHeight: base.height, sourceInverse: invertGeoTransform(sourceTransform) },
  ];
  for (let i = 1; i < levels.length; i++) {
    const ovr = levels[i];
    if (!ovr) break;
    const ratio = base.width / ovr.width;
    const w = Math.trunc(width / ratio + 0.5);
    const h = Math.trunc(height / ratio + 0.5);
    if (w < 1 || h < 1) break;
    const rx = base.width / ovr.width;
    const ry = base.height / ovr.height;
    const sx = width / w;
    const sy = height / h;
    const dst: GeoTransform = [transform[0], transform[1] * sx, transform[2] * sx, transform[3], transform[4] * sy, transform[5] * sy];
    const src: GeoTransform = [
      sourceTransform[0],
      sourceTransform[1] * rx,
      sourceTransform[2] * ry,
      sourceTransform[3],
      sourceTransform[4] * rx,
      sourceTransform[5] * ry,
    ];
    out.push({ width: w, height: h, transform: dst, sourceLevel: i, sourceWidth: ovr.width, sourceHeight: ovr.height, sourceInverse: invertGeoTransform(src) });
  }
  return out;
}

/**
 * GDAL's GenImgProj transform for one level: destination grid pixel → destination CRS → source CRS (`inverse`) →
 * source level pixel. Points that cannot be transformed get ok = 0.
 */
export function levelTransform(level: WarpedLevel, inverse: (x: number, y: number) => [number, number]): PointsTransform {
  const [d0, d1, d2, d3, d4, d5] = level.transform;
  const [s0, s1, s2, s3, s4, s5] = level.sourceInverse;
  return (xs, ys, ok, start, len) => {
    for (let i = start; i < start + len; i++) {
      const px = xs[i] as number;
      const py = ys[i] as number;
      const gx = d0 + px * d1 + py * d2;
      const gy = d3 + px * d4 + py * d5;
      let sx = Number.NaN;
      let sy = Number.NaN;
      try {
        [sx, sy] = inverse(gx, gy);
      } catch {
        // proj4 throws for some points out of a projection's domain: such a point has no source.
      }
      if (Number.isFinite(sx) && Number.isFinite(sy)) {
        xs[i] = s0 + sx * s1 + sy * s2;
        ys[i] = s3 + sx * s4 + sy * s5;
        ok[i] = 1;
      } else {
        xs[i] = Number.NaN;
        ys[i] = Number.NaN;
        ok[i] = 0;
      }
    }
  };
}
