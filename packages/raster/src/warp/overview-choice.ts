// Which overview GDAL reads a down-sampled request from (GDAL 3.8's GDALBandGetBestOverviewLevel2), and the
// request's window in that overview. The same rule applies to a warped grid's implicit overviews and to a
// source's own overviews.

/** GDAL_OVERVIEW_OVERSAMPLING_THRESHOLD's default: an overview may be up to 1.2 times coarser than asked. */
export const OVERSAMPLING_THRESHOLD = 1.2;

export interface RasterWindow {
  /** Integer window, as GDAL's RasterIO takes it. */
  xOff: number;
  yOff: number;
  xSize: number;
  ySize: number;
  /** The same window with fractions (rasterio always passes one). */
  dfXOff: number;
  dfYOff: number;
  dfXSize: number;
  dfYSize: number;
}

export interface OverviewChoice {
  /** Index into `overviews`, or -1 for the full-resolution raster. */
  index: number;
  window: RasterWindow;
}

/**
 * The overview GDAL picks for reading `window` of a `width` x `height` raster into a `bufWidth` x `bufHeight`
 * buffer, and the window expressed in that overview's pixels.
 */
export function chooseOverview(
  width: number,
  height: number,
  overviews: ReadonlyArray<{ width: number; height: number }>,
  window: RasterWindow,
  bufWidth: number,
  bufHeight: number,
  threshold = OVERSAMPLING_THRESHOLD,
): OverviewChoice {
  if (!(bufWidth < window.xSize || bufHeight < window.ySize) || overviews.length === 0) return { index: -1, window };
  const rx = window.xSize / bufWidth;
  const ry = window.ySize / bufHeight;
  // The least reduced axis decides.
  const desired = rx < ry || bufHeight === 1 ? rx : ry;
  let best = -1;
  let bestResolution = 0;
  for (let i = 0; i < overviews.length; i++) {
    const ovr = overviews[i];
    if (!ovr || ovr.width > width || ovr.height > height) continue;
    const resolution = Math.min(width / ovr.width, height / ovr.height);
    if (resolution >= desired * threshold || resolution <= bestResolution) continue;
    best = i;
    bestResolution = resolution;
    if (Math.abs(desired - resolution) < 0.1) break;
  }
  const ovr = overviews[best];
  if (!ovr) return { index: -1, window };
  const fx = width / ovr.width;
  const fy = height / ovr.height;
  const xOff = Math.min(ovr.width - 1, Math.trunc(window.xOff / fx + 0.5));
  const yOff = Math.min(ovr.height - 1, Math.trunc(window.yOff / fy + 0.5));
  let xSize = Math.max(1, Math.trunc(window.xSize / fx + 0.5));
  let ySize = Math.max(1, Math.trunc(window.ySize / fy + 0.5));
  if (xOff + xSize > ovr.width) xSize = ovr.width - xOff;
  if (yOff + ySize > ovr.height) ySize = ovr.height - yOff;
  return {
    index: best,
    window: { xOff, yOff, xSize, ySize, dfXOff: window.dfXOff / fx, dfYOff: window.dfYOff / fy, dfXSize: window.dfXSize / fx, dfYSize: window.dfYSize / fy },
  };
}

/** An integer window whose fractional form is the same. */
export function integerWindow(xOff: number, yOff: number, xSize: number, ySize: number): RasterWindow {
  return { xOff, yOff, xSize, ySize, dfXOff: xOff, dfYOff: yOff, dfXSize: xSize, dfYSize: ySize };
}
