// The imaginary landscape all demo rasters show: one elevation field, water in its hollows, forest where a
// moisture field is high, a town where an "urban" field peaks, and farm parcels with roads along some of their
// edges elsewhere. The land-cover raster is its classes, the aerial image its colours, the DEM its heights.
import { type FbmOptions, fbmRow, latticeValue } from './noise.js';

export const LandCover = { Water: 1, Forest: 2, Grassland: 3, Cropland: 4, Built: 5, Road: 6, Bare: 7 } as const;
export type LandCoverClass = (typeof LandCover)[keyof typeof LandCover];

/** Elevation (0..1) below which there is water. */
export const waterLevel = 0.4;
const parcelWidth = 72;
const parcelHeight = 56;
const roadWidth = 3;
/** How far field boundaries wander from the parcel grid, in pixels. */
const warpPixels = 24;

export const elevationNoise: FbmOptions = { frequency: 1 / 320, octaves: 6 };
const warpNoise: FbmOptions = { frequency: 1 / 150, octaves: 1 };
const urbanNoise: FbmOptions = { frequency: 1 / 400, octaves: 3 };
const moistureNoise: FbmOptions = { frequency: 1 / 180, octaves: 3 };

/** One row of the landscape: per pixel its elevation, land-cover class, parcel id and position across the parcel. */
export class LandscapeRow {
  readonly elevation: Float32Array;
  readonly landCover: Uint8Array;
  readonly parcel: Uint32Array;
  readonly alongRow: Float32Array;
  private readonly warpX: Float32Array;
  private readonly warpY: Float32Array;
  private readonly urban: Float32Array;
  private readonly moisture: Float32Array;

  constructor(
    readonly width: number,
    private readonly seed: number,
  ) {
    this.elevation = new Float32Array(width);
    this.landCover = new Uint8Array(width);
    this.parcel = new Uint32Array(width);
    this.alongRow = new Float32Array(width);
    this.warpX = new Float32Array(width);
    this.warpY = new Float32Array(width);
    this.urban = new Float32Array(width);
    this.moisture = new Float32Array(width);
  }

  /** Computes landscape row y for pixels x0 .. x0 + width - 1. */
  compute(y: number, x0: number): void {
    const seed = this.seed;
    fbmRow(this.elevation, y, x0, seed, elevationNoise);
    fbmRow(this.warpX, y, x0, seed + 101, warpNoise);
    fbmRow(this.warpY, y, x0, seed + 202, warpNoise);
    fbmRow(this.urban, y, x0, seed + 505, urbanNoise);
    fbmRow(this.moisture, y, x0, seed + 606, moistureNoise);
    for (let i = 0; i < this.width; i++) {
      const e = this.elevation[i] ?? 0;
      // Parcels on a grid warped by low-frequency noise, so edges wander like real field boundaries.
      const wx = x0 + i + warpPixels * ((this.warpX[i] ?? 0) - 0.5);
      const wy = y + warpPixels * ((this.warpY[i] ?? 0) - 0.5);
      const px = Math.floor(wx / parcelWidth);
      const py = Math.floor(wy / parcelHeight);
      this.parcel[i] = (Math.imul(px, 73856093) ^ Math.imul(py, 19349663)) >>> 0;
      this.alongRow[i] = wy - py * parcelHeight;
      let cls: LandCoverClass;
      if (e < waterLevel) cls = LandCover.Water;
      else if (
        (wx - px * parcelWidth < roadWidth && latticeValue(px, 0, seed + 303) < 0.4) ||
        (wy - py * parcelHeight < roadWidth && latticeValue(0, py, seed + 404) < 0.4)
      )
        cls = LandCover.Road;
      else if (e > 0.74) cls = LandCover.Bare;
      else if ((this.urban[i] ?? 0) > 0.7) cls = LandCover.Built;
      else if ((this.moisture[i] ?? 0) > 0.6 || e > 0.66) cls = LandCover.Forest;
      else cls = latticeValue(px, py, seed + 707) < 0.65 ? LandCover.Cropland : LandCover.Grassland;
      this.landCover[i] = cls;
    }
  }
}
