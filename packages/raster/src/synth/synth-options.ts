// Bounds on what the demo generators may be asked to make: they allocate width * height samples per band.
import { AppError } from '@pqe/common';

export interface SynthSize {
  width: number;
  height: number;
  /** Any integer; the same seed gives the same raster. */
  seed: number;
}

/** 16 Mpx: larger demo rasters are made as several files. */
const maxPixels = 4096 * 4096;

export function checkSynthSize({ width, height, seed }: SynthSize): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > maxPixels) {
    throw new AppError(
      'InvalidParameter',
      `A demo raster of ${width}x${height} pixels cannot be made: sizes are positive integers, at most ${maxPixels} pixels.`,
    );
  }
  if (!Number.isSafeInteger(seed)) throw new AppError('InvalidParameter', `The seed ${seed} must be an integer.`);
}
