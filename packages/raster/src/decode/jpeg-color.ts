// YCbCr to RGB as IJG libjpeg 9 converts (its build_ycc_rgb_table): 16-bit fixed point with the factors of
// ITU-R BT.601 written to 9 digits (libjpeg-turbo rounds the green factors to 5 digits, so its green can differ by one).

const SCALE_BITS = 16;
const ONE_HALF = 1 << (SCALE_BITS - 1);
const fix = (x: number): number => Math.floor(x * 2 ** SCALE_BITS + 0.5);

function table(build: (x: number) => number): Int32Array {
  const out = new Int32Array(256);
  for (let i = 0; i < 256; i++) out[i] = build(i - 128);
  return out;
}

/** Cr's part of red, Cb's part of blue: nearest integers to 1.402 Cr and 1.772 Cb. */
const CR_RED = table((x) => Math.floor((fix(1.402) * x + ONE_HALF) / 2 ** SCALE_BITS));
const CB_BLUE = table((x) => Math.floor((fix(1.772) * x + ONE_HALF) / 2 ** SCALE_BITS));
/** Green's parts, still scaled; Cb's carries the rounding half. */
const CR_GREEN = table((x) => -fix(0.714136286) * x);
const CB_GREEN = table((x) => -fix(0.344136286) * x + ONE_HALF);

/** libjpeg's sample range limit for the sums below: index minus CLAMP_OFFSET, clamped to 0..255. */
const CLAMP_OFFSET = 512;
const CLAMP = (() => {
  const out = new Uint8Array(2 * CLAMP_OFFSET + 256);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.max(0, i - CLAMP_OFFSET));
  return out;
})();

/**
 * Converts `width` x `height` pixels from three full-resolution planes (rows `stride` apart) to interleaved RGB in
 * `out`. Every sum lies within CLAMP's range (luma 0..255 plus at most +-227).
 */
export function yccToRgb(y: Uint8Array, cb: Uint8Array, cr: Uint8Array, stride: number, width: number, height: number, out: Uint8Array): void {
  // module constants read through locals: V8 keeps them in registers over the loop
  const clamp = CLAMP;
  const crRed = CR_RED;
  const cbBlue = CB_BLUE;
  const crGreen = CR_GREEN;
  const cbGreen = CB_GREEN;
  let o = 0;
  for (let row = 0; row < height; row++) {
    let i = row * stride;
    const end = i + width;
    for (; i < end; i++, o += 3) {
      const luma = (y[i] as number) + CLAMP_OFFSET;
      const blue = cb[i] as number;
      const red = cr[i] as number;
      out[o] = clamp[luma + (crRed[red] as number)] as number;
      out[o + 1] = clamp[luma + (((cbGreen[blue] as number) + (crGreen[red] as number)) >> SCALE_BITS)] as number;
      out[o + 2] = clamp[luma + (cbBlue[blue] as number)] as number;
    }
  }
}
