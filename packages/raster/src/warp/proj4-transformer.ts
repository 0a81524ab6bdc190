// A Transformer between two CRSs on proj4, for the warper. Kept minimal: the CRS registry decides the definitions.
import proj4 from 'proj4';
import type { Crs, Transformer } from '../types.js';

/** forward: `src` → `dst`; inverse: `dst` → `src`. Points that cannot be transformed come back as NaN. */
export function proj4Transformer(src: Crs, dst: Crs): Transformer {
  const converter = proj4(src.proj4, dst.proj4);
  const call = (fn: (p: [number, number]) => number[], x: number, y: number): [number, number] => {
    try {
      const out = fn([x, y]);
      return [out[0] ?? Number.NaN, out[1] ?? Number.NaN];
    } catch {
      return [Number.NaN, Number.NaN];
    }
  };
  return {
    forward: (x, y) => call((p) => converter.forward(p), x, y),
    inverse: (x, y) => call((p) => converter.inverse(p), x, y),
  };
}
