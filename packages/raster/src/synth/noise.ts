// Seeded value noise and fractal Brownian motion (fBm): the texture source of the demo rasters. Pure integer
// hashing (no state), so a pixel's value depends only on (x, y, seed) and any window can be generated alone.
// Noise is made a row at a time: along a row the lattice corners change only every 1/frequency pixels, so low
// frequencies cost one interpolation per pixel and few hashes.

/** A 32-bit integer hash of a lattice point and a seed, mapped to [0, 1). */
export function latticeValue(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ Math.imul(seed, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function smoothstep(t: number): number {
  return t * t * (3 - 2 * t);
}

/**
 * Adds `amplitude` times value noise of `frequency` (lattice cells per pixel) to `out[i]` for pixels
 * (x0 + i, y), i < out.length. Smoothstep-weighted bilinear interpolation of the lattice values hides the grid.
 */
export function addNoiseRow(out: Float32Array, y: number, x0: number, frequency: number, seed: number, amplitude: number): void {
  const fy = y * frequency;
  const iy = Math.floor(fy);
  const sy = smoothstep(fy - iy);
  let cell = Number.NaN;
  let left = 0;
  let right = 0;
  for (let i = 0; i < out.length; i++) {
    const fx = (x0 + i) * frequency;
    const ix = Math.floor(fx);
    if (ix !== cell) {
      cell = ix;
      const a = latticeValue(ix, iy, seed);
      const c = latticeValue(ix, iy + 1, seed);
      const b = latticeValue(ix + 1, iy, seed);
      const d = latticeValue(ix + 1, iy + 1, seed);
      left = a + (c - a) * sy;
      right = b + (d - b) * sy;
    }
    out[i] = (out[i] ?? 0) + amplitude * (left + (right - left) * smoothstep(fx - ix));
  }
}

export interface FbmOptions {
  /** Lattice cells per pixel of the first octave (e.g. 1/256 for features about 256 px wide). */
  frequency: number;
  octaves: number;
  /** Amplitude factor per octave (0.5 is classic fBm). */
  gain?: number;
  /** Frequency factor per octave. */
  lacunarity?: number;
}

/** Fills `out` with fBm in [0, 1) for pixels (x0 + i, y). Each octave has its own seed so octaves do not align. */
export function fbmRow(out: Float32Array, y: number, x0: number, seed: number, options: FbmOptions): void {
  const gain = options.gain ?? 0.5;
  const lacunarity = options.lacunarity ?? 2;
  out.fill(0);
  let frequency = options.frequency;
  let amplitude = 1;
  let norm = 0;
  for (let o = 0; o < options.octaves; o++) {
    addNoiseRow(out, y, x0, frequency, seed + o * 1013, amplitude);
    norm += amplitude;
    amplitude *= gain;
    frequency *= lacunarity;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
}
