// A digital elevation model (float32 metres, like Copernicus DEM / NASADEM assets): the landscape's elevation,
// flat at sea level under water, with nodata outside an irregular footprint (a survey's coverage).
import { elevationNoise, waterLevel } from './landscape.js';
import { addNoiseRow, fbmRow } from './noise.js';
import { checkSynthSize, type SynthSize } from './synth-options.js';

export interface DemRaster {
  width: number;
  height: number;
  bands: 1;
  sampleType: 'float32';
  data: Float32Array;
  nodata: number;
}

export const demNodata = -9999;
/** Height of elevation 1.0 above the water level, in metres. */
const reliefMetres = 2400;

/**
 * The footprint is an ellipse filling the raster whose edge wanders by noise: pixels outside take `demNodata`.
 * Pixel (0, 0) is landscape pixel (x0, y0); the footprint follows the requested window.
 */
export function demRaster(size: SynthSize, x0 = 0, y0 = 0): DemRaster {
  checkSynthSize(size);
  const { width, height, seed } = size;
  const data = new Float32Array(width * height);
  const elevation = new Float32Array(width);
  const edge = new Float32Array(width);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    fbmRow(elevation, y0 + y, x0, seed, elevationNoise);
    edge.fill(0.85 - 0.125);
    addNoiseRow(edge, y0 + y, x0, 1 / 90, seed + 31, 0.25);
    const dy = (y + 0.5 - cy) / cy;
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - cx) / cx;
      const r = edge[x] ?? 0;
      const e = elevation[x] ?? 0;
      // Water is sea level; land rises from 1 m so the shore is visible.
      data[y * width + x] = dx * dx + dy * dy > r * r ? demNodata : e < waterLevel ? 0 : 1 + ((e - waterLevel) / (1 - waterLevel)) * reliefMetres;
    }
  }
  return { width, height, bands: 1, sampleType: 'float32', data, nodata: demNodata };
}
