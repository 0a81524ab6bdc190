// An RGB "aerial imagery" texture (like NAIP): land-cover colours varied per parcel, crop rows, canopy and
// water texture from fine noise.
import { LandCover, LandscapeRow, waterLevel } from './landscape.js';
import { addNoiseRow, latticeValue } from './noise.js';
import { checkSynthSize, type SynthSize } from './synth-options.js';

export interface AerialRaster {
  width: number;
  height: number;
  bands: 3;
  sampleType: 'uint8';
  /** Pixel-interleaved RGB. */
  data: Uint8Array;
}

/** Base colours per land-cover class (index = class), before per-parcel and per-pixel variation. */
const baseColour: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0],
  [38, 62, 84],
  [46, 72, 40],
  [118, 140, 82],
  [160, 150, 96],
  [150, 140, 134],
  [112, 110, 108],
  [150, 136, 116],
];
/** Crop colours a parcel may take: green growth, ripe grain, bare soil, young crop. */
const cropColours: ReadonlyArray<readonly [number, number, number]> = [
  [92, 132, 60],
  [190, 170, 104],
  [140, 112, 80],
  [120, 150, 70],
];

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** Pixel (0, 0) of the raster is landscape pixel (x0, y0): neighbouring windows join seamlessly. */
export function aerialRaster(size: SynthSize, x0 = 0, y0 = 0): AerialRaster {
  checkSynthSize(size);
  const { width, height, seed } = size;
  const data = new Uint8Array(width * height * 3);
  const row = new LandscapeRow(width, seed);
  // Fine texture: grain of about 3 px and tree crowns of about 2.5 px.
  const grain = new Float32Array(width);
  const crowns = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    const gy = y0 + y;
    row.compute(gy, x0);
    grain.fill(-0.5);
    addNoiseRow(grain, gy, x0, 1 / 3, seed + 11, 1);
    crowns.fill(0);
    addNoiseRow(crowns, gy, x0, 1 / 2.5, seed + 17, 1);
    for (let x = 0; x < width; x++) {
      const cls = row.landCover[x] ?? LandCover.Grassland;
      const g = grain[x] ?? 0;
      let colour = baseColour[cls] ?? [0, 0, 0];
      let shade: number;
      if (cls === LandCover.Cropland) {
        colour = cropColours[Math.floor(latticeValue(row.parcel[x] ?? 0, 1, seed + 13) * cropColours.length)] ?? colour;
        // Crop rows: a faint stripe every 4 pixels across the parcel.
        shade = 0.92 + 0.08 * Math.cos(((row.alongRow[x] ?? 0) * Math.PI) / 2) + 0.1 * g;
      } else if (cls === LandCover.Forest) shade = 0.7 + 0.6 * (crowns[x] ?? 0);
      else if (cls === LandCover.Water) shade = 0.75 + 0.6 * ((row.elevation[x] ?? 0) / waterLevel) ** 4 + 0.05 * g;
      else if (cls === LandCover.Built) shade = latticeValue(Math.floor((x0 + x) / 9), Math.floor(gy / 9), seed + 19) < 0.5 ? 0.7 : 1.25;
      else shade = 1 + 0.25 * g;
      const o = (y * width + x) * 3;
      data[o] = clampByte(colour[0] * shade);
      data[o + 1] = clampByte(colour[1] * shade);
      data[o + 2] = clampByte(colour[2] * shade);
    }
  }
  return { width, height, bands: 3, sampleType: 'uint8', data };
}
