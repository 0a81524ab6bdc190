// The source window GDAL's warper reads for one block of the warped grid (GDALWarpOperation::ComputeSourceWindow):
// the block's edges, sampled and transformed exactly, give the extent in source pixels, grown by the kernel's radius.
import type { PointsTransform } from './approx-transformer.js';

export interface PixelWindow {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A source window and the extent the block maps to inside it, in pixels (before the filter's margin). */
export interface SourceWindow extends PixelWindow {
  spanX: number;
  spanY: number;
}

/** Points per edge, corners included. */
const STEPS = 21;

/**
 * Source pixels needed for the destination block (x, y, w, h), or undefined when the block sees no source pixel.
 * `radius` is the kernel's (0 nearest, 1 bilinear, 2 cubic), grown when the block down-samples.
 */
export function sourceWindow(
  transform: PointsTransform,
  block: PixelWindow,
  sourceWidth: number,
  sourceHeight: number,
  radius: number,
): SourceWindow | undefined {
  const n = STEPS * 4;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ok = new Uint8Array(n);
  let k = 0;
  for (let i = 0; i < STEPS; i++) {
    const r = i === STEPS - 1 ? 1 : i / (STEPS - 1);
    xs[k] = block.x + r * block.w;
    ys[k++] = block.y;
    xs[k] = block.x + r * block.w;
    ys[k++] = block.y + block.h;
    xs[k] = block.x;
    ys[k++] = block.y + r * block.h;
    xs[k] = block.x + block.w;
    ys[k++] = block.y + r * block.h;
  }
  transform(xs, ys, ok, 0, n);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let failed = 0;
  for (let i = 0; i < n; i++) {
    if (!ok[i]) {
      failed++;
      continue;
    }
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (failed > n - 5) return undefined;
  if (minX > sourceWidth || maxX < 0 || minY > sourceHeight || maxY < 0) return undefined;
  const scaleX = block.w / (maxX - minX);
  const scaleY = block.h / (maxY - minY);
  const rx = scaleX < 0.95 ? Math.ceil(radius / scaleX) : radius;
  const ry = scaleY < 0.95 ? Math.ceil(radius / scaleY) : radius;
  // Points that failed to transform leave the extent uncertain: GDAL then reads 10 more pixels around it.
  const extra = Math.max(rx, ry) + (failed > 0 ? 10 : 0);
  let x0 = Math.trunc(Math.max(0, minX));
  const spanX = Math.max(0, Math.min(sourceWidth - x0, maxX - minX));
  let x1 = Math.trunc(Math.min(Math.ceil(maxX), sourceWidth));
  const y0 = Math.trunc(Math.max(0, minY));
  const y1 = Math.trunc(Math.min(Math.ceil(maxY), sourceHeight));
  const spanY = Math.max(0, Math.min(sourceHeight - y0, maxY - minY));
  // Nearly the whole width: read all of it (a block across the antimeridian).
  if (x1 - x0 > 0.9 * sourceWidth) {
    x0 = 0;
    x1 = sourceWidth;
  }
  const x = Math.max(0, x0 - extra);
  const y = Math.max(0, y0 - extra);
  const w = Math.min(sourceWidth - x, x1 - x + extra);
  const h = Math.min(sourceHeight - y, y1 - y + extra);
  if (w <= 0 || h <= 0) return undefined;
  return { x, y, w, h, spanX, spanY };
}
