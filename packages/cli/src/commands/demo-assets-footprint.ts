// Which pixels of a grid lie inside an item's footprint: a scanline fill of each polygon (even-odd rule, pixel
// centres), the union of the polygons. Pixels outside take the asset's nodata, as a real scene's collar does.
import type { AssetGrid } from './demo-assets-grid.js';

/** One byte per pixel, row by row: 1 where the pixel centre is inside the footprint, 0 elsewhere. */
export function footprintMask(grid: AssetGrid): Uint8Array {
  const { width, height, geotransform } = grid;
  const [x0, dx, , y0, , dy] = geotransform;
  const mask = new Uint8Array(width * height);
  const crossings: number[] = [];
  for (let row = 0; row < height; row++) {
    const y = y0 + (row + 0.5) * dy;
    for (const ring of grid.rings) {
      crossings.length = 0;
      const n = ring.length / 2;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const ay = ring[2 * i + 1] as number;
        const by = ring[2 * j + 1] as number;
        // Half-open in y, so that a vertex on the scanline counts once and a pixel on an edge shared by two
        // polygons (a footprint split at the antimeridian) belongs to exactly one of them.
        if (ay <= y === by <= y) continue;
        const ax = ring[2 * i] as number;
        const bx = ring[2 * j] as number;
        crossings.push(ax + ((y - ay) / (by - ay)) * (bx - ax));
      }
      crossings.sort((a, b) => a - b);
      for (let k = 0; k + 1 < crossings.length; k += 2) {
        // Pixel centres x0 + (c + 0.5) dx inside [left, right).
        const first = Math.max(0, Math.ceil(((crossings[k] as number) - x0) / dx - 0.5));
        const end = Math.min(width, Math.ceil(((crossings[k + 1] as number) - x0) / dx - 0.5));
        if (end > first) mask.fill(1, row * width + first, row * width + end);
      }
    }
  }
  return mask;
}
