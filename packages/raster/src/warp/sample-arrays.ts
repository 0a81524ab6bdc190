// Typed arrays for a sample type, and the conversion of warped values (float64) back to it.
import type { SampleType, TypedArray } from '../types.js';
import { sampleRange } from '../writer/sample-arrays.js';

export function allocate(type: SampleType, n: number): TypedArray {
  switch (type) {
    case 'uint8':
      return new Uint8Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'uint16':
      return new Uint16Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'uint32':
      return new Uint32Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
  }
}

/** Integer types round to nearest and clamp, as GDAL does when a kernel's result goes back to the band's type. */
export function isIntegerType(type: SampleType): boolean {
  return type !== 'float32' && type !== 'float64';
}

export function toSampleType(type: SampleType, v: number): number {
  if (!isIntegerType(type)) return v;
  const range = sampleRange[type];
  const r = Math.round(v);
  return Math.max(range[0], Math.min(r, range[1]));
}

/**
 * GDAL's warper never writes the destination nodata value as a computed integer value: one that rounds to it moves
 * one step towards the type's range (down, or up from the type's minimum), so it stays data.
 */
export function avoidNodata(type: SampleType, v: number, nodata: number): number {
  if (!isIntegerType(type) || v !== nodata) return v;
  const range = sampleRange[type];
  return v === range[0] ? v + 1 : v - 1;
}
