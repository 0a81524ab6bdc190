// A categorical land-cover raster (uint8 classes with a palette), like the io-lulc / esa-worldcover assets.
import { LandCover, LandscapeRow } from './landscape.js';
import { checkSynthSize, type SynthSize } from './synth-options.js';

/** Class value to [red, green, blue]; value 0 is nodata. */
export const landCoverPalette: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0],
  [65, 155, 223],
  [57, 125, 73],
  [136, 176, 83],
  [228, 150, 53],
  [196, 40, 27],
  [128, 128, 128],
  [165, 155, 143],
];

export const landCoverNames: Record<number, string> = {
  [LandCover.Water]: 'Water',
  [LandCover.Forest]: 'Forest',
  [LandCover.Grassland]: 'Grassland',
  [LandCover.Cropland]: 'Cropland',
  [LandCover.Built]: 'Built area',
  [LandCover.Road]: 'Road',
  [LandCover.Bare]: 'Bare ground',
};

export interface LandCoverRaster {
  width: number;
  height: number;
  bands: 1;
  sampleType: 'uint8';
  data: Uint8Array;
  nodata: 0;
  colormap: ReadonlyArray<readonly [number, number, number]>;
}

/** Pixel (0, 0) of the raster is landscape pixel (x0, y0): neighbouring windows join seamlessly. */
export function landCoverRaster(size: SynthSize, x0 = 0, y0 = 0): LandCoverRaster {
  checkSynthSize(size);
  const { width, height, seed } = size;
  const data = new Uint8Array(width * height);
  const row = new LandscapeRow(width, seed);
  for (let y = 0; y < height; y++) {
    row.compute(y0 + y, x0);
    data.set(row.landCover, y * width);
  }
  return { width, height, bands: 1, sampleType: 'uint8', data, nodata: 0, colormap: landCoverPalette };
}
