import type { SampleType, TypedArray } from '../types.js';
import { BlockDecodeError } from './block-decode-error.js';

/**
 * The sample type that a TIFF BitsPerSample / SampleFormat pair decodes to. 1-bit samples (masks) come out as
 * uint8 0 / 255. SampleFormat 4 (undefined) is read as unsigned, as libtiff does.
 */
export function sampleTypeOf(bitsPerSample: number, sampleFormat: number): SampleType {
  const format = sampleFormat === 4 ? 1 : sampleFormat;
  if (bitsPerSample === 1 && format === 1) return 'uint8';
  if (format === 1) {
    if (bitsPerSample === 8) return 'uint8';
    if (bitsPerSample === 16) return 'uint16';
    if (bitsPerSample === 32) return 'uint32';
  } else if (format === 2) {
    if (bitsPerSample === 8) return 'int8';
    if (bitsPerSample === 16) return 'int16';
    if (bitsPerSample === 32) return 'int32';
  } else if (format === 3) {
    if (bitsPerSample === 32) return 'float32';
    if (bitsPerSample === 64) return 'float64';
  }
  const kind = format === 1 ? 'unsigned integer' : format === 2 ? 'signed integer' : format === 3 ? 'floating point' : `SampleFormat ${sampleFormat}`;
  throw new BlockDecodeError(`${bitsPerSample}-bit ${kind} samples are not supported (1-bit masks, 8/16/32-bit integers, 32/64-bit floats are)`);
}

/** Bytes of one sample of a type. */
export function bytesPerSample(type: SampleType): 1 | 2 | 4 | 8 {
  switch (type) {
    case 'uint8':
    case 'int8':
      return 1;
    case 'uint16':
    case 'int16':
      return 2;
    case 'uint32':
    case 'int32':
    case 'float32':
      return 4;
    case 'float64':
      return 8;
  }
}

/** A typed array of `type` over `bytes`, which must be aligned to the sample size (callers copy when it is not). */
export function typedArrayOver(type: SampleType, bytes: Uint8Array): TypedArray {
  const { buffer, byteOffset } = bytes;
  const length = bytes.byteLength / bytesPerSample(type);
  switch (type) {
    case 'uint8':
      return bytes;
    case 'int8':
      return new Int8Array(buffer, byteOffset, length);
    case 'uint16':
      return new Uint16Array(buffer, byteOffset, length);
    case 'int16':
      return new Int16Array(buffer, byteOffset, length);
    case 'uint32':
      return new Uint32Array(buffer, byteOffset, length);
    case 'int32':
      return new Int32Array(buffer, byteOffset, length);
    case 'float32':
      return new Float32Array(buffer, byteOffset, length);
    case 'float64':
      return new Float64Array(buffer, byteOffset, length);
  }
}
