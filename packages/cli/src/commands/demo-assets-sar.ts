// The assets of a radar demo swath: backscatter (linear sigma nought, float32) in VV and VH, from the synth
// landscape's land cover (calm water dark, forest bright in VH from volume scattering, towns bright in VV from
// double bounce) times the speckle left in a multilooked image (mild at these coarse pixels). Outside the swath:
// nodata 0.
import { LandCover, landCoverRaster, latticeValue } from '@pqe/raster';
import type { AssetGrid } from './demo-assets-grid.js';
import type { AssetRaster } from './demo-assets-raster.js';

export interface SarSwath {
  /** The seed of the collection's landscape, the same for every swath. */
  landscapeSeed: number;
  /** The seed of this acquisition's speckle. */
  speckleSeed: number;
}

/** Mean backscatter per land-cover class (index = class), linear power: [VV, VH]. */
const BACKSCATTER: Record<number, readonly [number, number]> = {
  [LandCover.Water]: [0.008, 0.001],
  [LandCover.Forest]: [0.12, 0.03],
  [LandCover.Grassland]: [0.05, 0.01],
  [LandCover.Cropland]: [0.08, 0.015],
  [LandCover.Built]: [0.35, 0.04],
  [LandCover.Road]: [0.03, 0.005],
  [LandCover.Bare]: [0.04, 0.006],
};
/** The smallest value written inside the swath: 0 is nodata. */
const FLOOR = 1e-5;

/** Multiplicative noise with mean 1, from 0.6 to 1.4 (triangular): what many looks leave of speckle. */
function speckle(x: number, y: number, seed: number): number {
  return 0.6 + 0.4 * (latticeValue(x, y, seed) + latticeValue(x, y, seed + 1));
}

/** The VV and VH rasters of one swath, for the keys asked for. */
export function sarAssets(swath: SarSwath, grid: AssetGrid, mask: Uint8Array, keys: ReadonlySet<string>): Map<string, AssetRaster> {
  const { width, height } = grid;
  const classes = landCoverRaster({ width, height, seed: swath.landscapeSeed }, grid.column, grid.row).data;
  const out = new Map<string, AssetRaster>();
  for (const [band, key] of [
    [0, 'vv'],
    [1, 'vh'],
  ] as const) {
    if (!keys.has(key)) continue;
    const data = new Float32Array(width * height);
    const seed = swath.speckleSeed + 101 * band;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (mask[i] === 0) continue;
        const mean = BACKSCATTER[classes[i] as number]?.[band] ?? 0.05;
        data[i] = Math.max(FLOOR, mean * speckle(grid.column + x, grid.row + y, seed));
      }
    }
    out.set(key, { bands: 1, sampleType: 'float32', data, nodata: 0, bandDescriptions: [`${key.toUpperCase()} backscatter (linear)`] });
  }
  return out;
}
