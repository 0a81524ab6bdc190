// Moving the samples the index loops found: output pixel i of a row takes window pixel index[i] in every band, as
// bits (see sample-bits.ts), one pass for the usual band counts.
import type { BitsArray } from './sample-bits.js';

/** out[b][o + i] = from[b][index[i]] for every band b and i in [i0, i1) where index[i] >= 0 (others keep the fill). */
export function copyBands(from: readonly BitsArray[], out: readonly BitsArray[], index: Int32Array, i0: number, i1: number, o: number): void {
  // One pass for the usual band counts (RGB, RGBN): the index is read once for all bands.
  if (from.length === 3) {
    copy3(from[0] as BitsArray, from[1] as BitsArray, from[2] as BitsArray, out[0] as BitsArray, out[1] as BitsArray, out[2] as BitsArray, index, i0, i1, o);
    return;
  }
  if (from.length === 4) {
    const [f0, f1, f2, f3] = from as [BitsArray, BitsArray, BitsArray, BitsArray];
    const [o0, o1, o2, o3] = out as [BitsArray, BitsArray, BitsArray, BitsArray];
    copy4(f0, f1, f2, f3, o0, o1, o2, o3, index, i0, i1, o);
    return;
  }
  for (let b = 0; b < from.length; b++) copyRow(from[b] as BitsArray, out[b] as BitsArray, index, i0, i1, o);
}

/** out[o + i] = from[index[i]] for i in [i0, i1) where index[i] >= 0 (other pixels keep the fill). */
export function copyRow(from: BitsArray, out: BitsArray, index: Int32Array, i0: number, i1: number, o: number): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx >= 0) out[o + i] = from[idx] as number;
  }
}

function copy3(
  f0: BitsArray,
  f1: BitsArray,
  f2: BitsArray,
  o0: BitsArray,
  o1: BitsArray,
  o2: BitsArray,
  index: Int32Array,
  i0: number,
  i1: number,
  o: number,
): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx < 0) continue;
    o0[o + i] = f0[idx] as number;
    o1[o + i] = f1[idx] as number;
    o2[o + i] = f2[idx] as number;
  }
}

function copy4(
  f0: BitsArray,
  f1: BitsArray,
  f2: BitsArray,
  f3: BitsArray,
  o0: BitsArray,
  o1: BitsArray,
  o2: BitsArray,
  o3: BitsArray,
  index: Int32Array,
  i0: number,
  i1: number,
  o: number,
): void {
  for (let i = i0; i < i1; i++) {
    const idx = index[i] as number;
    if (idx < 0) continue;
    o0[o + i] = f0[idx] as number;
    o1[o + i] = f1[idx] as number;
    o2[o + i] = f2[idx] as number;
    o3[o + i] = f3[idx] as number;
  }
}
