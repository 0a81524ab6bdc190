import type { GeoTransform } from '../types.js';

/**
 * The geotransform of the full-resolution image, as GDAL gives it: from ModelTransformation, or from
 * ModelPixelScale and the first ModelTiepoint. A PixelIsPoint raster's tiepoint names a pixel's centre, and
 * GDAL moves the origin half a pixel up and left so that the transform addresses pixel corners like any other.
 * Undefined when the file is not georeferenced this way (e.g. ground control points only).
 */
export function geotransformOf(
  transformation: readonly number[] | undefined,
  pixelScale: readonly number[] | undefined,
  tiepoint: readonly number[] | undefined,
  pixelIsPoint: boolean,
): GeoTransform | undefined {
  let gt: [number, number, number, number, number, number] | undefined;
  if (transformation !== undefined && transformation.length >= 16) {
    const m = transformation;
    gt = [m[3] as number, m[0] as number, m[1] as number, m[7] as number, m[4] as number, m[5] as number];
  } else if (pixelScale !== undefined && pixelScale.length >= 2 && tiepoint !== undefined && tiepoint.length >= 6) {
    const [sx, sy] = pixelScale as [number, number];
    const [i, j, , x, y] = tiepoint as [number, number, number, number, number];
    gt = [x - i * sx, sx, 0, y + j * sy, 0, -sy];
  }
  if (gt === undefined || !gt.every(Number.isFinite)) return undefined;
  if (pixelIsPoint) {
    gt[0] -= gt[1] * 0.5 + gt[2] * 0.5;
    gt[3] -= gt[4] * 0.5 + gt[5] * 0.5;
  }
  return gt;
}

/** The geotransform of an overview of `width` x `height` pixels over the same extent as the full image. */
export function overviewGeotransform(full: GeoTransform, fullWidth: number, fullHeight: number, width: number, height: number): GeoTransform {
  const sx = fullWidth / width;
  const sy = fullHeight / height;
  return [full[0], full[1] * sx, full[2] * sy, full[3], full[4] * sx, full[5] * sy];
}
