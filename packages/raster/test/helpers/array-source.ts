// A WarpSource over arrays held in memory: rasters made by GDAL and read back, or computed by hand in a test.
import type { Crs, GeoTransform, SampleType, TypedArray } from '../../src/types.js';
import { allocate } from '../../src/warp/sample-arrays.js';
import type { WarpSource, WindowPixels } from '../../src/warp/types.js';

export interface ArrayLevel {
  width: number;
  height: number;
  bands: TypedArray[];
  /** 255 valid, 0 not; all valid when omitted. */
  valid?: Uint8Array;
}

export interface ArraySourceOptions {
  crs: Crs;
  geotransform: GeoTransform;
  sampleType: SampleType;
  levels: ArrayLevel[];
  nodata?: number;
  paletted?: boolean;
}

export function arraySource(opts: ArraySourceOptions): WarpSource & { reads: number } {
  const base = opts.levels[0];
  if (!base) throw new Error('no level');
  const source = {
    reads: 0,
    width: base.width,
    height: base.height,
    geotransform: opts.geotransform,
    crs: opts.crs,
    bandCount: base.bands.length,
    sampleType: opts.sampleType,
    nodata: opts.nodata,
    paletted: opts.paletted ?? false,
    levels: opts.levels.map((l) => ({ width: l.width, height: l.height })),
    async readWindow(level: number, x0: number, y0: number, w: number, h: number): Promise<WindowPixels> {
      source.reads++;
      const l = opts.levels[level];
      if (!l || x0 < 0 || y0 < 0 || x0 + w > l.width || y0 + h > l.height) throw new Error(`window ${x0},${y0},${w}x${h} outside level ${level}`);
      const bands = l.bands.map((src) => {
        const out = allocate(opts.sampleType, w * h);
        for (let y = 0; y < h; y++) out.set(src.subarray((y0 + y) * l.width + x0, (y0 + y) * l.width + x0 + w), y * w);
        return out;
      });
      const valid = new Uint8Array(w * h).fill(255);
      if (l.valid) for (let y = 0; y < h; y++) valid.set(l.valid.subarray((y0 + y) * l.width + x0, (y0 + y) * l.width + x0 + w), y * w);
      return { bands, valid };
    },
  };
  return source;
}
