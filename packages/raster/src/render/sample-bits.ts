// Nearest resampling only moves samples: it can move their bits. Seen as unsigned integers of their width (or as
// float64 for 8-byte samples), the arrays of every sample type come in four kinds, so the copy loops stay fast
// however many sample types a process reads (a loop that meets eight typed-array kinds is slow in V8).
import type { TypedArray } from '../types.js';

export type BitsArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export function bitsView(a: TypedArray): BitsArray {
  switch (a.BYTES_PER_ELEMENT) {
    case 1:
      return a instanceof Uint8Array ? a : new Uint8Array(a.buffer, a.byteOffset, a.length);
    case 2:
      return a instanceof Uint16Array ? a : new Uint16Array(a.buffer, a.byteOffset, a.length);
    case 4:
      return a instanceof Uint32Array ? a : new Uint32Array(a.buffer, a.byteOffset, a.length);
    default:
      return a instanceof Float64Array ? a : new Float64Array(a.buffer, a.byteOffset, a.length);
  }
}

/** The bits of `value` stored in an array like `like`, read back through its bits view. */
export function bitsOf(like: TypedArray, value: number): number {
  const one = new (like.constructor as new (n: number) => TypedArray)(1);
  one[0] = value;
  return bitsView(one)[0] as number;
}
