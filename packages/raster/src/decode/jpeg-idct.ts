// The accurate integer inverse DCT of IJG libjpeg 9 (its "islow" method), for 8 x 8 blocks and for the 16 x 16,
// 16 x 8 and 8 x 16 outputs it makes from one 8 x 8 block of a 2x-subsampled component (libjpeg >= 7 scales chroma up
// inside the IDCT rather than in an upsampler). Each 2-D transform is a column pass (8 coefficients to 8 or 16 values)
// then a row pass (8 to 8 or 16 samples). libjpeg does this in 64-bit `long` arithmetic with arithmetic right shifts;
// here it is done in doubles, which hold every intermediate exactly, with `Math.floor(x * 2^-n)` for the shifts, an
// Int32Array for its `int` work array and Math.imul for its `int` dequantisation, so that the samples are libjpeg's
// for any input, corrupt ones included.

const CONST_BITS = 13;
const PASS1_BITS = 2;
// libjpeg's FIX(x): x in CONST_BITS fixed point, rounded (written out as literals so that the compiler folds them)

const F0_298631336 = 2446; // FIX(0.298631336)
const F0_390180644 = 3196; // FIX(0.390180644)
const F0_541196100 = 4433; // FIX(0.5411961)
const F0_765366865 = 6270; // FIX(0.765366865)
const F0_899976223 = 7373; // FIX(0.899976223)
const F1_175875602 = 9633; // FIX(1.175875602)
const F1_501321110 = 12299; // FIX(1.50132111)
const F1_847759065 = 15137; // FIX(1.847759065)
const F1_961570560 = 16069; // FIX(1.96157056)
const F2_053119869 = 16819; // FIX(2.053119869)
const F2_562915447 = 20995; // FIX(2.562915447)
const F3_072711026 = 25172; // FIX(3.072711026)
// the 16-point kernel's other constants
const F1_306562965 = 10703; // FIX(1.306562965)
const F0_275899379 = 2260; // FIX(0.275899379)
const F1_387039845 = 11363; // FIX(1.387039845)
const F0_601344887 = 4926; // FIX(0.601344887)
const F0_509795579 = 4176; // FIX(0.509795579)
const F1_353318001 = 11086; // FIX(1.353318001)
const F1_247225013 = 10217; // FIX(1.247225013)
const F1_093201867 = 8956; // FIX(1.093201867)
const F0_897167586 = 7350; // FIX(0.897167586)
const F0_666655658 = 5461; // FIX(0.666655658)
const F0_410524528 = 3363; // FIX(0.410524528)
const F2_286341144 = 18730; // FIX(2.286341144)
const F1_835730603 = 15038; // FIX(1.835730603)
const F0_138617169 = 1136; // FIX(0.138617169)
const F0_071888074 = 589; // FIX(0.071888074)
const F1_125726048 = 9222; // FIX(1.125726048)
const F1_407403738 = 11529; // FIX(1.407403738)
const F0_766367282 = 6278; // FIX(0.766367282)
const F1_971951411 = 16154; // FIX(1.971951411)
const F1_065388962 = 8728; // FIX(1.065388962)
const F3_141271809 = 25733; // FIX(3.141271809)

/** Column pass output is descaled by this (2^-(CONST_BITS - PASS1_BITS)), with half of it added first. */
const COL_SCALE = 2 ** -(CONST_BITS - PASS1_BITS);
const COL_ROUND = 1 << (CONST_BITS - PASS1_BITS - 1);
/** Row pass: descale by 2^-(CONST_BITS + PASS1_BITS + 3); the DC term carries the range centre and the rounding. */
const ROW_SCALE = 2 ** -(CONST_BITS + PASS1_BITS + 3);
const ROW_DC_OFFSET = (512 << (PASS1_BITS + 3)) + (1 << (PASS1_BITS + 2));
const DC_SCALE = 2 ** -(PASS1_BITS + 3);

/**
 * libjpeg's range limit as the IDCT uses it: the descaled value (sample - 128 + 512) masked to 10 bits, then clamped
 * to 0..255. Values far out of range wrap around the mask as they do in libjpeg.
 */
const RANGE_LIMIT = (() => {
  const table = new Uint8Array(1024);
  for (let i = 0; i < 1024; i++) table[i] = Math.min(255, Math.max(0, i - 384));
  return table;
})();

/** Work array between the passes: 16 rows of 8. */
export function idctWorkspace(): Int32Array {
  return new Int32Array(128);
}

/**
 * Inverse-transforms one block of coefficients (natural order, at `coef[at..at+63]`, times `quant`) into a
 * `width` x `height` (8 or 16 each) patch of samples at `out[outAt]`, rows `stride` apart.
 */
export function inverseDct(
  coef: Int16Array,
  at: number,
  quant: Int32Array,
  ws: Int32Array,
  out: Uint8Array,
  outAt: number,
  stride: number,
  width: 8 | 16,
  height: 8 | 16,
): void {
  if (height === 8) columns8(coef, at, quant, ws);
  else columns16(coef, at, quant, ws);
  if (width === 8) rows8(ws, height, out, outAt, stride);
  else rows16(ws, height, out, outAt, stride);
}

/** A block whose AC coefficients are all zero: every sample is the same (the full transform gives exactly this). */
export function dcOnlySample(dc: number, quant0: number): number {
  const value = (Math.imul(dc, quant0) << PASS1_BITS) + ROW_DC_OFFSET;
  return RANGE_LIMIT[Math.floor(value * DC_SCALE) & 1023] as number;
}

/** Output of the 8- and 16-point kernels, before the descale of their pass. */
const kernelOut = new Float64Array(16);

/**
 * The 8-point kernel shared by both passes: 8 inputs (x0 already scaled by 2^CONST_BITS and rounded as its pass
 * needs) to 8 outputs in `res`, in order, before the final descale.
 */
function kernel8(x0: number, x1: number, x2: number, x3: number, x4: number, x5: number, x6: number, x7: number, res: Float64Array): void {
  // even part
  let tmp0 = x0 + x4 * 8192;
  let tmp1 = x0 - x4 * 8192;
  let z1 = (x2 + x6) * F0_541196100;
  let tmp2 = z1 + x2 * F0_765366865;
  let tmp3 = z1 - x6 * F1_847759065;
  const tmp10 = tmp0 + tmp2;
  const tmp13 = tmp0 - tmp2;
  const tmp11 = tmp1 + tmp3;
  const tmp12 = tmp1 - tmp3;
  // odd part
  tmp0 = x7;
  tmp1 = x5;
  tmp2 = x3;
  tmp3 = x1;
  let z2 = tmp0 + tmp2;
  let z3 = tmp1 + tmp3;
  z1 = (z2 + z3) * F1_175875602;
  z2 = z2 * -F1_961570560 + z1;
  z3 = z3 * -F0_390180644 + z1;
  z1 = (tmp0 + tmp3) * -F0_899976223;
  tmp0 = tmp0 * F0_298631336 + z1 + z2;
  tmp3 = tmp3 * F1_501321110 + z1 + z3;
  z1 = (tmp1 + tmp2) * -F2_562915447;
  tmp1 = tmp1 * F2_053119869 + z1 + z3;
  tmp2 = tmp2 * F3_072711026 + z1 + z2;
  res[0] = tmp10 + tmp3;
  res[7] = tmp10 - tmp3;
  res[1] = tmp11 + tmp2;
  res[6] = tmp11 - tmp2;
  res[2] = tmp12 + tmp1;
  res[5] = tmp12 - tmp1;
  res[3] = tmp13 + tmp0;
  res[4] = tmp13 - tmp0;
}

function columns8(coef: Int16Array, at: number, q: Int32Array, ws: Int32Array): void {
  const res = kernelOut;
  for (let c = 0; c < 8; c++) {
    const i = at + c;
    const c1 = coef[i + 8] as number;
    const c2 = coef[i + 16] as number;
    const c3 = coef[i + 24] as number;
    const c4 = coef[i + 32] as number;
    const c5 = coef[i + 40] as number;
    const c6 = coef[i + 48] as number;
    const c7 = coef[i + 56] as number;
    if ((c1 | c2 | c3 | c4 | c5 | c6 | c7) === 0) {
      const dc = Math.imul(coef[i] as number, q[c] as number) << PASS1_BITS;
      for (let k = 0; k < 64; k += 8) ws[c + k] = dc;
      continue;
    }
    kernel8(
      Math.imul(coef[i] as number, q[c] as number) * 8192 + COL_ROUND,
      Math.imul(c1, q[c + 8] as number),
      Math.imul(c2, q[c + 16] as number),
      Math.imul(c3, q[c + 24] as number),
      Math.imul(c4, q[c + 32] as number),
      Math.imul(c5, q[c + 40] as number),
      Math.imul(c6, q[c + 48] as number),
      Math.imul(c7, q[c + 56] as number),
      res,
    );
    for (let k = 0; k < 8; k++) ws[c + k * 8] = Math.floor((res[k] as number) * COL_SCALE);
  }
}

function rows8(ws: Int32Array, height: number, out: Uint8Array, outAt: number, stride: number): void {
  const res = kernelOut;
  const limit = RANGE_LIMIT;
  for (let r = 0; r < height; r++) {
    const w = r * 8;
    const o = outAt + r * stride;
    const z2 = (ws[w] as number) + ROW_DC_OFFSET;
    const w1 = ws[w + 1] as number;
    const w2 = ws[w + 2] as number;
    const w3 = ws[w + 3] as number;
    const w4 = ws[w + 4] as number;
    const w5 = ws[w + 5] as number;
    const w6 = ws[w + 6] as number;
    const w7 = ws[w + 7] as number;
    if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) === 0) {
      const sample = limit[Math.floor(z2 * DC_SCALE) & 1023] as number;
      for (let x = o; x < o + 8; x++) out[x] = sample;
      continue;
    }
    kernel8(z2 * 8192, w1, w2, w3, w4, w5, w6, w7, res);
    for (let k = 0; k < 8; k++) out[o + k] = limit[Math.floor((res[k] as number) * ROW_SCALE) & 1023] as number;
  }
}

/**
 * The 16-point kernel shared by both passes: 8 inputs (x0..x7, x0 already scaled and rounded as its pass needs)
 * to 16 outputs in `res`, before the final descale.
 */
function kernel16(x0: number, x1: number, x2: number, x3: number, x4: number, x5: number, x6: number, x7: number, res: Float64Array): void {
  // even part
  let tmp0 = x0;
  let tmp1 = x4 * F1_306562965;
  let tmp2 = x4 * F0_541196100;
  let tmp10 = tmp0 + tmp1;
  let tmp11 = tmp0 - tmp1;
  let tmp12 = tmp0 + tmp2;
  let tmp13 = tmp0 - tmp2;
  let z1 = x2;
  let z2 = x6;
  let z3 = z1 - z2;
  let z4 = z3 * F0_275899379;
  z3 = z3 * F1_387039845;
  tmp0 = z3 + z2 * F2_562915447;
  tmp1 = z4 + z1 * F0_899976223;
  tmp2 = z3 - z1 * F0_601344887;
  let tmp3 = z4 - z2 * F0_509795579;
  const tmp20 = tmp10 + tmp0;
  const tmp27 = tmp10 - tmp0;
  const tmp21 = tmp12 + tmp1;
  const tmp26 = tmp12 - tmp1;
  const tmp22 = tmp13 + tmp2;
  const tmp25 = tmp13 - tmp2;
  const tmp23 = tmp11 + tmp3;
  const tmp24 = tmp11 - tmp3;
  // odd part
  z1 = x1;
  z2 = x3;
  z3 = x5;
  z4 = x7;
  tmp11 = z1 + z3;
  tmp1 = (z1 + z2) * F1_353318001;
  tmp2 = tmp11 * F1_247225013;
  tmp3 = (z1 + z4) * F1_093201867;
  tmp10 = (z1 - z4) * F0_897167586;
  tmp11 = tmp11 * F0_666655658;
  tmp12 = (z1 - z2) * F0_410524528;
  tmp0 = tmp1 + tmp2 + tmp3 - z1 * F2_286341144;
  tmp13 = tmp10 + tmp11 + tmp12 - z1 * F1_835730603;
  z1 = (z2 + z3) * F0_138617169;
  tmp1 += z1 + z2 * F0_071888074;
  tmp2 += z1 - z3 * F1_125726048;
  z1 = (z3 - z2) * F1_407403738;
  tmp11 += z1 - z3 * F0_766367282;
  tmp12 += z1 + z2 * F1_971951411;
  z2 += z4;
  z1 = z2 * -F0_666655658;
  tmp1 += z1;
  tmp3 += z1 + z4 * F1_065388962;
  z2 = z2 * -F1_247225013;
  tmp10 += z2 + z4 * F3_141271809;
  tmp12 += z2;
  z2 = (z3 + z4) * -F1_353318001;
  tmp2 += z2;
  tmp3 += z2;
  z2 = (z4 - z3) * F0_410524528;
  tmp10 += z2;
  tmp11 += z2;
  res[0] = tmp20 + tmp0;
  res[15] = tmp20 - tmp0;
  res[1] = tmp21 + tmp1;
  res[14] = tmp21 - tmp1;
  res[2] = tmp22 + tmp2;
  res[13] = tmp22 - tmp2;
  res[3] = tmp23 + tmp3;
  res[12] = tmp23 - tmp3;
  res[4] = tmp24 + tmp10;
  res[11] = tmp24 - tmp10;
  res[5] = tmp25 + tmp11;
  res[10] = tmp25 - tmp11;
  res[6] = tmp26 + tmp12;
  res[9] = tmp26 - tmp12;
  res[7] = tmp27 + tmp13;
  res[8] = tmp27 - tmp13;
}

function columns16(coef: Int16Array, at: number, q: Int32Array, ws: Int32Array): void {
  const res = kernelOut;
  for (let c = 0; c < 8; c++) {
    const i = at + c;
    kernel16(
      Math.imul(coef[i] as number, q[c] as number) * 8192 + COL_ROUND,
      Math.imul(coef[i + 8] as number, q[c + 8] as number),
      Math.imul(coef[i + 16] as number, q[c + 16] as number),
      Math.imul(coef[i + 24] as number, q[c + 24] as number),
      Math.imul(coef[i + 32] as number, q[c + 32] as number),
      Math.imul(coef[i + 40] as number, q[c + 40] as number),
      Math.imul(coef[i + 48] as number, q[c + 48] as number),
      Math.imul(coef[i + 56] as number, q[c + 56] as number),
      res,
    );
    for (let k = 0; k < 16; k++) ws[c + k * 8] = Math.floor((res[k] as number) * COL_SCALE);
  }
}

function rows16(ws: Int32Array, height: number, out: Uint8Array, outAt: number, stride: number): void {
  const res = kernelOut;
  const limit = RANGE_LIMIT;
  for (let r = 0; r < height; r++) {
    const w = r * 8;
    kernel16(
      ((ws[w] as number) + ROW_DC_OFFSET) * 8192,
      ws[w + 1] as number,
      ws[w + 2] as number,
      ws[w + 3] as number,
      ws[w + 4] as number,
      ws[w + 5] as number,
      ws[w + 6] as number,
      ws[w + 7] as number,
      res,
    );
    const o = outAt + r * stride;
    for (let k = 0; k < 16; k++) out[o + k] = limit[Math.floor((res[k] as number) * ROW_SCALE) & 1023] as number;
  }
}
