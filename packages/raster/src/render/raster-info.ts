// What titiler's /info says of a COG (rio-tiler 6.8's Reader.info), from its header alone: bounds in lon/lat and in
// its own CRS, the zoom range in a TileMatrixSet, band names, the kind of nodata, colour interpretation, overviews.
import type { Cog } from '../cog/cog.js';
import { CRS84 } from '../crs/crs.js';
import { transformer } from '../crs/transformer.js';
import { datasetZoomRange } from '../tms/dataset-zooms.js';
import type { Bounds, TileMatrixSet } from '../tms/tile-matrix-set.js';
import type { Crs, GeoTransform } from '../types.js';
import { gridBounds } from '../warp/geotransform.js';
import { suggestedResolution } from '../warp/suggested-resolution.js';
import { transformBounds } from './transform-bounds.js';

export type NodataType = 'Nodata' | 'Alpha' | 'Mask' | 'None';

export interface RasterInfo {
  /** In lon/lat (OGC:CRS84). */
  bounds: Bounds;
  /** In the raster's own CRS. */
  nativeBounds: Bounds;
  crs: string | undefined;
  minzoom: number;
  maxzoom: number;
  band_metadata: [string, Record<string, string>][];
  band_descriptions: [string, string][];
  dtype: string;
  nodata_type: NodataType;
  nodata_value?: number | null;
  colorinterp: string[];
  count: number;
  width: number;
  height: number;
  /** Decimation factor of each overview, as GDAL gives them. */
  overviews: number[];
  scales: number[];
  offsets: number[];
  /** Palette entry → [r, g, b, a], for paletted rasters. */
  colormap?: Record<string, [number, number, number, number]>;
}

export function nodataType(cog: Cog, nodataOverride?: number): NodataType {
  if (nodataOverride !== undefined || cog.nodata !== undefined) return 'Nodata';
  if (cog.alphaBand !== undefined) return 'Alpha';
  if (cog.levels[0]?.hasMask) return 'Mask';
  return 'None';
}

/** GDAL's colour interpretation names, as rasterio spells them. */
export function colorInterpretation(cog: Cog): string[] {
  const out: string[] = [];
  for (let b = 0; b < cog.bandCount; b++) {
    let name = 'undefined';
    if (b === cog.alphaBand) name = 'alpha';
    else if (cog.photometric === 3 && b === 0) name = 'palette';
    else if ((cog.photometric === 2 || cog.photometric === 6) && b < 3) name = (['red', 'green', 'blue'] as const)[b] as string;
    else if ((cog.photometric === 0 || cog.photometric === 1) && b === 0) name = 'gray';
    out.push(name);
  }
  return out;
}

/** The palette as rio-tiler gives it: every entry, index → RGBA. */
export function colormapEntries(rgba: Uint8Array): Record<string, [number, number, number, number]> {
  const out: Record<string, [number, number, number, number]> = {};
  for (let i = 0; i * 4 < rgba.length; i++) {
    out[String(i)] = [rgba[i * 4] as number, rgba[i * 4 + 1] as number, rgba[i * 4 + 2] as number, rgba[i * 4 + 3] as number];
  }
  return out;
}

/**
 * rio-tiler's minzoom / maxzoom: the raster's grid once warped to the TMS CRS (GDAL's suggested warp output:
 * resolution by the diagonal rule, size from the reprojected extent), matched to the TMS's levels.
 */
export function zoomRange(tms: TileMatrixSet, crs: Crs, gt: GeoTransform, width: number, height: number): { minzoom: number; maxzoom: number } {
  if (crs.proj4 === tms.crs.proj4) return datasetZoomRange(tms, { transform: gt, width, height });
  const t = transformer(crs, tms.crs);
  try {
    const [rx, ry] = suggestedResolution(
      gt,
      width,
      height,
      (x, y) => t.forward(x, y),
      (x, y) => t.inverse(x, y),
      tms.crs.geographic,
    );
    const extent = transformBounds(crs, tms.crs, gridBounds(gt, width, height));
    const w = Math.max(1, Math.trunc((extent[2] - extent[0]) / rx + 0.5));
    const h = Math.max(1, Math.trunc((extent[3] - extent[1]) / ry + 0.5));
    return datasetZoomRange(tms, { transform: [extent[0], rx, 0, extent[3], 0, -ry], width: w, height: h });
  } catch {
    // A raster that cannot be warped to the TMS CRS: rio-tiler falls back to the TMS's own range.
    return { minzoom: tms.minzoom, maxzoom: tms.maxzoom };
  }
}

export function rasterInfo(cog: Cog, crs: Crs, gt: GeoTransform, tms: TileMatrixSet, nodataOverride?: number): RasterInfo {
  const nativeBounds = gridBounds(gt, cog.width, cog.height);
  const type = nodataType(cog, nodataOverride);
  const names = Array.from({ length: cog.bandCount }, (_, b) => `b${b + 1}`);
  const info: RasterInfo = {
    bounds: transformBounds(crs, CRS84, nativeBounds),
    nativeBounds,
    crs: crs.id,
    ...zoomRange(tms, crs, gt, cog.width, cog.height),
    band_metadata: names.map((n) => [n, {}]),
    band_descriptions: names.map((n, b) => [n, cog.bands[b]?.description ?? '']),
    dtype: cog.sampleType,
    nodata_type: type,
    colorinterp: colorInterpretation(cog),
    count: cog.bandCount,
    width: cog.width,
    height: cog.height,
    overviews: cog.levels.slice(1).map((l) => Math.trunc(cog.width / l.width + 0.5)),
    scales: names.map((_, b) => cog.bands[b]?.scale ?? 1),
    offsets: names.map((_, b) => cog.bands[b]?.offset ?? 0),
  };
  if (cog.colormap) info.colormap = colormapEntries(cog.colormap);
  if (type === 'Nodata') info.nodata_value = nodataOverride ?? cog.nodata ?? null;
  return info;
}
