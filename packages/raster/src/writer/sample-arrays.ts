// Typed arrays by sample type: the one mapping the writer and the encoders share.
import type { SampleType, TypedArray } from '../types.js';

const constructors = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export function newSampleArray(type: SampleType, length: number): TypedArray {
  return new constructors[type](length);
}

/** A typed array of `type` over the whole of `buffer` (whose length must be a multiple of the sample size). */
export function sampleArrayOver(type: SampleType, buffer: ArrayBuffer): TypedArray {
  return new constructors[type](buffer);
}

/** True when `data` is the typed array that holds samples of `type`. */
export function holdsSampleType(data: TypedArray, type: SampleType): boolean {
  return data instanceof constructors[type];
}

/** The sample type a typed array holds (a Uint8ClampedArray is not one of ours). */
export function sampleTypeOf(data: TypedArray): SampleType {
  for (const [type, ctor] of Object.entries(constructors)) {
    if (data instanceof ctor) return type as SampleType;
  }
  throw new TypeError('unsupported typed array');
}

/** The range of each sample type, as rasterio's `dtype_ranges` gives it (float32 uses float32's largest finite value). */
export const sampleRange: Record<SampleType, readonly [number, number]> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  uint32: [0, 4294967295],
  int32: [-2147483648, 2147483647],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

export function bytesPerSample(type: SampleType): number {
  return constructors[type].BYTES_PER_ELEMENT;
}
