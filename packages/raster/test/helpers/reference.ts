// Compares the warper with rio-tiler tile by tile, over the reference set bench/tiles/reference_tiles.py writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Crs, GeoTransform, SampleType, TypedArray } from '../../src/types.js';
import { proj4Transformer } from '../../src/warp/proj4-transformer.js';
import type { Resampling, WarpResampling } from '../../src/warp/types.js';
import { warpToTile } from '../../src/warp/warp-to-tile.js';
import { arraySource } from './array-source.js';
import { readNpy } from './npy.js';

export interface ReferenceTile {
  name: string;
  z: number;
  x: number;
  y: number;
  size: number;
  method: string;
  buffer: number;
  /** The tile's bounds as morecantile computes them (our own arithmetic may differ in the last bits). */
  bounds?: [number, number, number, number];
  error?: string;
}

export interface ReferenceDataset {
  name: string;
  crs: string;
  proj4: string;
  geographic: boolean;
  geotransform: number[];
  width: number;
  height: number;
  count: number;
  dtype: SampleType;
  nodata: number | 'nan' | null;
  /** Band 1 has a colour table (older manifests leave it out). */
  paletted?: boolean;
  levels: { width: number; height: number }[];
  tiles: ReferenceTile[];
}

export interface TileAgreement {
  dataset: string;
  tile: string;
  pixels: number;
  /** Share of pixels whose every band equals rio-tiler's (values within `tolerance`), and whose mask equals. */
  valuesEqual: number;
  maskEqual: number;
  maxDiff: number;
  error?: string;
}

export const WEB_MERCATOR: Crs = { id: 'EPSG:3857', proj4: 'EPSG:3857', geographic: false };

/** WebMercatorQuad tile bounds in EPSG:3857 metres. */
export function mercatorTileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const half = 20037508.342789244;
  const size = (2 * half) / 2 ** z;
  return [-half + x * size, half - (y + 1) * size, -half + (x + 1) * size, half - y * size];
}

export function loadManifest(dir: string): { datasets: ReferenceDataset[] } {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { datasets: ReferenceDataset[] };
}

export function referenceSource(dir: string, ds: ReferenceDataset) {
  const levels = ds.levels.map((l, k) => {
    const data = readNpy(join(dir, ds.name, `L${k}.npy`));
    const mask = readNpy(join(dir, ds.name, `L${k}.mask.npy`));
    const n = l.width * l.height;
    const bands: TypedArray[] = [];
    for (let b = 0; b < ds.count; b++) bands.push(data.data.subarray(b * n, (b + 1) * n));
    return { width: l.width, height: l.height, bands, valid: new Uint8Array(mask.data.buffer, mask.data.byteOffset, n) };
  });
  const nodata = ds.nodata === null ? undefined : ds.nodata === 'nan' ? Number.NaN : ds.nodata;
  return arraySource({
    crs: { id: ds.crs, proj4: ds.proj4, geographic: ds.geographic },
    geotransform: ds.geotransform as unknown as GeoTransform,
    sampleType: ds.dtype,
    levels,
    ...(nodata === undefined ? {} : { nodata }),
    paletted: ds.paletted === true,
  });
}

/** Warps one reference tile and measures its agreement with rio-tiler's. */
export async function compareTile(dir: string, ds: ReferenceDataset, tile: ReferenceTile, tolerance = 0): Promise<TileAgreement> {
  const source = referenceSource(dir, ds);
  const transformer = proj4Transformer(source.crs, WEB_MERCATOR);
  const base = { dataset: ds.name, tile: tile.name };
  let result: Awaited<ReturnType<typeof warpToTile>>;
  try {
    result = await warpToTile({
      source,
      dstCrs: WEB_MERCATOR,
      dstBounds: tile.bounds ?? mercatorTileBounds(tile.z, tile.x, tile.y),
      width: tile.size,
      height: tile.size,
      transformer,
      resampling: tile.method as Resampling,
      reproject: tile.method as WarpResampling,
      buffer: tile.buffer,
    });
  } catch (err) {
    return { ...base, pixels: 0, valuesEqual: 0, maskEqual: 0, maxDiff: Number.NaN, error: String(err) };
  }
  const data = readNpy(join(dir, ds.name, 't', `${tile.name}.npy`));
  const mask = readNpy(join(dir, ds.name, 't', `${tile.name}.mask.npy`));
  const n = result.width * result.height;
  if (data.data.length !== n * ds.count) {
    return { ...base, pixels: n, valuesEqual: 0, maskEqual: 0, maxDiff: Number.NaN, error: `size ${result.width}x${result.height} vs ${data.shape.join('x')}` };
  }
  let values = 0;
  let masks = 0;
  let maxDiff = 0;
  for (let i = 0; i < n; i++) {
    if (result.mask[i] === mask.data[i]) masks++;
    let same = true;
    for (let b = 0; b < ds.count; b++) {
      const a = result.bands[b]?.[i] as number;
      const r = data.data[b * n + i] as number;
      const d = Number.isNaN(a) && Number.isNaN(r) ? 0 : Math.abs(a - r);
      if (!(d <= tolerance)) same = false;
      if (d > maxDiff || Number.isNaN(d)) maxDiff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
    }
    if (same) values++;
  }
  return { ...base, pixels: n, valuesEqual: values / n, maskEqual: masks / n, maxDiff };
}
