// The warper's inputs and outputs. A WarpSource is one raster with all its levels, read by windows; the warper
// never sees files, blocks or codecs.
import type { Crs, GeoTransform, SampleType, Transformer, TypedArray } from '../types.js';

/** Pixels of a window of one level: one array per band (the source's sample type) and per-pixel validity. */
export interface WindowPixels {
  /** Row-major, `w * h` samples each. */
  bands: TypedArray[];
  /** 255 where the pixel holds data, 0 where it is nodata, masked by the internal mask or transparent (alpha 0). */
  valid: Uint8Array;
}

export interface ReadWindowOptions {
  /**
   * The caller tests the samples against `nodata` itself: a source may then leave pixels whose bands all hold
   * nodata valid (it saves a pass over the window).
   */
  callerTestsNodata?: boolean | undefined;
}

/** One raster and its overviews, as the warper needs it. */
export interface WarpSource {
  width: number;
  height: number;
  /** Of level 0, in the source CRS. */
  geotransform: GeoTransform;
  crs: Crs;
  bandCount: number;
  sampleType: SampleType;
  /** The nodata value, if the raster has one (NaN allowed): it fills the tile where there is no data. */
  nodata?: number | undefined;
  /** A band with a colour table: GDAL's RasterIO resamples it with nearest whatever `resampling` asks. */
  paletted?: boolean | undefined;
  /** Level 0 (full resolution) first, then the overviews, largest first. */
  levels: ReadonlyArray<{ width: number; height: number }>;
  /** A window of a level, inside that level's bounds (the warper clips before asking). */
  readWindow(level: number, x0: number, y0: number, w: number, h: number, signal?: AbortSignal, options?: ReadWindowOptions): Promise<WindowPixels>;
}

/**
 * RasterIO resampling (from the warped grid's level to the output), as rio-tiler names them: nearest decimation,
 * or GDAL's bilinear and cubic convolution when the level window and the output differ.
 */
export type Resampling = 'nearest' | 'bilinear' | 'cubic';

/** Warp kernel resampling (source pixels into the warped grid), as rio-tiler names them. */
export type WarpResampling = 'nearest' | 'bilinear' | 'cubic' | 'average' | 'mode';

/** Bounds as [west, south, east, north]. */
export type Bounds = readonly [number, number, number, number];

export interface WarpRequest {
  source: WarpSource;
  dstCrs: Crs;
  /** The tile (or part) bounds in the destination CRS. */
  dstBounds: Bounds;
  /** Output size in pixels, before `buffer`. */
  width: number;
  height: number;
  /** Source CRS → destination CRS (forward) and back (inverse). */
  transformer: Transformer;
  resampling?: Resampling;
  reproject?: WarpResampling;
  /** Extra output pixels on each side, a multiple of 0.5 (256 → 257, 258...), as rio-tiler's `buffer`. */
  buffer?: number;
  /** Extra warped pixels read on each side and cropped away (edge effects of non-nearest kernels). */
  padding?: number;
  signal?: AbortSignal;
}

export interface WarpResult {
  /** One array per band, of the source's sample type, `width * height` each. */
  bands: TypedArray[];
  /** 255 where every band holds data, else 0 (rio-tiler's ImageData.mask). */
  mask: Uint8Array;
  width: number;
  height: number;
  /** The output's bounds in the destination CRS (the tile's, grown by the buffer). */
  bounds: Bounds;
}
