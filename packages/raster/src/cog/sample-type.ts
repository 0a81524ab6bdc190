import type { SampleType } from '../types.js';

/** The sample type of TIFF BitsPerSample + SampleFormat (1 unsigned, 2 signed, 3 float), or undefined if unsupported. */
export function sampleTypeOf(bitsPerSample: number, sampleFormat: number): SampleType | undefined {
  const key = `${sampleFormat}:${bitsPerSample}`;
  switch (key) {
    case '1:8':
      return 'uint8';
    case '2:8':
      return 'int8';
    case '1:16':
      return 'uint16';
    case '2:16':
      return 'int16';
    case '1:32':
      return 'uint32';
    case '2:32':
      return 'int32';
    case '3:32':
      return 'float32';
    case '3:64':
      return 'float64';
    default:
      return undefined;
  }
}
