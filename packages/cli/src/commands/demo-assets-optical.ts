// The assets of an optical demo scene, from the synth landscape: the true-colour image (uint8 RGB, from the
// aerial texture), red and near-infrared reflectance (uint16, reflectance x 10000 as Sentinel-2 L2A stores it,
// derived from the colours so that vegetation has a high NDVI and water a negative one) and the land-cover
// classes with their palette. Clouds cover the share of the footprint that the item's eo:cloud_cover gives.
import { aerialRaster, fbmRow, landCoverPalette, landCoverRaster } from '@pqe/raster';
import type { AssetGrid } from './demo-assets-grid.js';
import type { AssetRaster } from './demo-assets-raster.js';

export interface OpticalScene {
  /** The seed of the scene's cloud field; scenes of one pass share it, so their clouds agree where they overlap. */
  cloudSeed: number;
  /** Percent of the footprint under cloud. */
  cloudCover: number;
  /** The seed of the collection's landscape: the same for every scene, so that overlapping scenes agree. */
  landscapeSeed: number;
}

/** Cloud tops in true colour and as reflectance x 10000 in red and near infrared. */
const CLOUD_RGB = [236, 236, 240] as const;
const CLOUD_RED = 6200;
const CLOUD_NIR = 6500;
/** Clouds fade in over this much of the cloud field's range, so their edges are soft. */
const CLOUD_EDGE = 0.06;

/**
 * Per pixel, how much cloud (0 to 1) hides the ground: a noise field thresholded so that `cloudCover` percent of
 * the footprint's pixels are at least half hidden.
 */
export function cloudOpacity(grid: AssetGrid, mask: Uint8Array, cloudCover: number, seed: number): Float32Array {
  const { width, height } = grid;
  const field = new Float32Array(width * height);
  const row = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    fbmRow(row, grid.row + y, grid.column, seed, { frequency: 1 / 24, octaves: 4 });
    field.set(row, y * width);
  }
  const inside = field.filter((_, i) => mask[i] === 1).sort();
  const share = Math.min(1, Math.max(0, cloudCover / 100));
  const opacity = new Float32Array(width * height);
  if (inside.length === 0 || share === 0) return opacity;
  const threshold = share >= 1 ? Number.NEGATIVE_INFINITY : (inside[Math.floor((1 - share) * inside.length)] as number);
  for (let i = 0; i < field.length; i++) {
    const t = ((field[i] as number) - threshold) / CLOUD_EDGE + 0.5;
    opacity[i] = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
  }
  return opacity;
}

function mix(ground: number, cloud: number, opacity: number): number {
  return ground + (cloud - ground) * opacity;
}

/** The asset rasters of one scene, for the keys asked for (visual, B04, B08, landcover). */
export function opticalAssets(scene: OpticalScene, grid: AssetGrid, mask: Uint8Array, keys: ReadonlySet<string>): Map<string, AssetRaster> {
  const { width, height } = grid;
  const size = { width, height, seed: scene.landscapeSeed };
  const out = new Map<string, AssetRaster>();
  const n = width * height;
  if (keys.has('visual') || keys.has('B04') || keys.has('B08')) {
    const rgb = aerialRaster(size, grid.column, grid.row).data;
    const opacity = cloudOpacity(grid, mask, scene.cloudCover, scene.cloudSeed);
    const visual = new Uint8Array(n * 3);
    const red = new Uint16Array(n);
    const nir = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      const r = rgb[3 * i] as number;
      const g = rgb[3 * i + 1] as number;
      const b = rgb[3 * i + 2] as number;
      const a = opacity[i] as number;
      // Leaves reflect near infrared strongly, more the greener they look; water absorbs it.
      const greenness = Math.max(0, (g - r) / (g + r + 1));
      const groundNir = b > g && b > r ? 100 + 2 * r : 800 + 6 * r + 12000 * greenness;
      visual[3 * i] = Math.max(1, Math.round(mix(r, CLOUD_RGB[0], a)));
      visual[3 * i + 1] = Math.max(1, Math.round(mix(g, CLOUD_RGB[1], a)));
      visual[3 * i + 2] = Math.max(1, Math.round(mix(b, CLOUD_RGB[2], a)));
      red[i] = Math.max(1, Math.round(mix(10 * r, CLOUD_RED, a)));
      nir[i] = Math.max(1, Math.round(mix(groundNir, CLOUD_NIR, a)));
    }
    out.set('visual', { bands: 3, sampleType: 'uint8', data: visual, nodata: 0, bandDescriptions: ['red', 'green', 'blue'] });
    out.set('B04', { bands: 1, sampleType: 'uint16', data: red, nodata: 0, bandDescriptions: ['B04 red reflectance x 10000'] });
    out.set('B08', { bands: 1, sampleType: 'uint16', data: nir, nodata: 0, bandDescriptions: ['B08 near-infrared reflectance x 10000'] });
  }
  if (keys.has('landcover')) {
    const classes = landCoverRaster(size, grid.column, grid.row).data;
    for (let i = 0; i < n; i++) if (mask[i] === 0) classes[i] = 0;
    out.set('landcover', { bands: 1, sampleType: 'uint8', data: classes, nodata: 0, colormap: landCoverPalette, bandDescriptions: ['land cover class'] });
  }
  for (const key of out.keys()) if (!keys.has(key)) out.delete(key);
  return out;
}
