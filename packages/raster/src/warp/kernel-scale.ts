// The scale GDAL's warp kernel works at for one chunk (GDALWarpKernel::PerformWarp): the chunk's destination size
// over the source extent it maps to (before the window was grown for the filter), per axis. Below 1 the chunk
// down-samples and the bilinear and cubic filters are stretched by 1/scale.

/** A chunk's kernel parameters, per axis. */
export interface KernelScale {
  xScale: number;
  yScale: number;
  /** Taps on each side of the point the stretched filter reads (the filter radius, stretched when scale < 1). */
  xRadius: number;
  yRadius: number;
  /** Whether the chunk has a validity mask (GDAL's masked kernels) or none (its faster unmasked kernels). */
  masked: boolean;
}

/**
 * One axis: `dst` destination pixels of the chunk, a source window of `src` pixels of which `span` is the
 * transformed extent itself (the rest is the filter's margin).
 */
export function axisScale(dst: number, src: number, span: number): number {
  let scale = dst / span;
  // A window that holds the chunk's size between its extent and its margin is taken as a scale of 1.
  if (src >= dst && src <= dst + (src - span)) scale = 1;
  if (scale < 1) {
    // Near a whole reduction factor, that factor exactly.
    const reciprocal = 1 / scale;
    const whole = Math.trunc(reciprocal + 0.5);
    if (Math.abs(reciprocal - whole) < 0.05) scale = 1 / whole;
  }
  return scale;
}

/** The stretched radius of a filter of `radius` at `scale`. */
export function stretchedRadius(radius: number, scale: number): number {
  return scale < 1 ? Math.ceil(radius / scale) : radius;
}

export function kernelScale(
  dstW: number,
  dstH: number,
  window: { w: number; h: number; spanX: number; spanY: number },
  radius: number,
  masked: boolean,
): KernelScale {
  const xScale = axisScale(dstW, window.w, window.spanX);
  const yScale = axisScale(dstH, window.h, window.spanY);
  return { xScale, yScale, xRadius: stretchedRadius(radius, xScale), yRadius: stretchedRadius(radius, yScale), masked };
}
