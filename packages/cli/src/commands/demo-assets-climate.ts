// The asset of a demo month: a global grid of monthly precipitation (mm, float32) with the zonal pattern of the
// real climate (the wet intertropical belt that follows the sun, dry subtropics, the mid-latitude storm tracks
// that are wetter in winter) broken up by synth noise into wet and dry regions, and scaled so that its
// area-weighted mean is the item's demo:global_mean.
import { fbmRow } from '@pqe/raster';
import type { AssetGrid } from './demo-assets-grid.js';
import type { AssetRaster } from './demo-assets-raster.js';

export const PRECIPITATION_NODATA = -9999;

/** The noise every month shares (where it is wet or dry in general), made once per grid. */
export interface ClimateBase {
  grid: AssetGrid;
  seed: number;
  /** Per pixel, the factor (0.08 to 2.28) by which the place is wetter or drier than its latitude. */
  wetness: Float32Array;
}

/**
 * A noise field that joins up at the antimeridian: over the last tenth of each row it fades into the noise that
 * lies one world-width west, which is what the row's first pixels hold.
 */
function wrappedField(grid: AssetGrid, seed: number, frequency: number, octaves: number): Float32Array {
  const { width, height } = grid;
  const field = new Float32Array(width * height);
  const here = new Float32Array(width);
  const wrapped = new Float32Array(width);
  const fadeFrom = Math.floor(0.9 * width);
  for (let y = 0; y < height; y++) {
    fbmRow(here, grid.row + y, grid.column, seed, { frequency, octaves });
    fbmRow(wrapped, grid.row + y, grid.column - width, seed, { frequency, octaves });
    for (let x = 0; x < width; x++) {
      const t = x < fadeFrom ? 0 : (x - fadeFrom) / (width - fadeFrom);
      const s = t * t * (3 - 2 * t);
      field[y * width + x] = (here[x] as number) * (1 - s) + (wrapped[x] as number) * s;
    }
  }
  return field;
}

export function climateBase(grid: AssetGrid, seed: number): ClimateBase {
  // Features of about a tenth of the world's width, with detail down to a few cells; few places very wet.
  const wetness = wrappedField(grid, seed, 10 / grid.width, 5);
  for (let i = 0; i < wetness.length; i++) {
    // fBm gathers around 0.5: stretch it so that deserts and rain forests both appear.
    const w = Math.min(1, Math.max(0, ((wetness[i] as number) - 0.5) * 3 + 0.5));
    wetness[i] = 0.08 + 2.2 * w * w;
  }
  return { grid, seed, wetness };
}

/** Zonal-mean precipitation (mm in a month) at a latitude, for a season from -1 (January) to 1 (July). */
export function zonalPrecipitation(latitude: number, season: number): number {
  const itczCentre = 5 + 7 * season;
  const itcz = 260 * Math.exp(-(((latitude - itczCentre) / 9) ** 2));
  const north = 110 * (1 - 0.3 * season) * Math.exp(-(((latitude - 50) / 13) ** 2));
  const south = 110 * (1 + 0.3 * season) * Math.exp(-(((latitude + 50) / 13) ** 2));
  return (25 + itcz + north + south) * (0.3 + 0.7 * Math.cos((latitude * Math.PI) / 180));
}

/** The precipitation of `month` (1-12), scaled so that its area-weighted mean is `globalMean` mm. */
export function precipitationAsset(base: ClimateBase, year: number, month: number, globalMean: number): AssetRaster {
  const { grid, wetness } = base;
  const { width, height, geotransform } = grid;
  const season = Math.cos((2 * Math.PI * (month - 7.5)) / 12);
  // This month's weather: smaller systems, different every month of every year.
  const weather = wrappedField(grid, base.seed + 7919 * (year * 12 + month), 30 / width, 2);
  const data = new Float32Array(width * height);
  let weighted = 0;
  let weights = 0;
  for (let y = 0; y < height; y++) {
    const latitude = geotransform[3] + (y + 0.5) * geotransform[5];
    const zonal = zonalPrecipitation(latitude, season);
    const area = Math.cos((latitude * Math.PI) / 180);
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const value = zonal * (wetness[i] as number) * (0.6 + 0.8 * (weather[i] as number));
      data[i] = value;
      weighted += value * area;
      weights += area;
    }
  }
  const factor = weighted > 0 ? globalMean / (weighted / weights) : 0;
  for (let i = 0; i < data.length; i++) data[i] = Math.round((data[i] as number) * factor * 10) / 10;
  return { bands: 1, sampleType: 'float32', data, nodata: PRECIPITATION_NODATA, bandDescriptions: ['precipitation (mm)'] };
}
