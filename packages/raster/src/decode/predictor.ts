import { nativeLittleEndian } from './byte-order.js';

/**
 * Undoes TIFF's horizontal predictor (Predictor 2) in place: within each row, each sample was stored as its
 * difference from the same sample of the pixel before, with wrap-around integer arithmetic on the sample's bits
 * (float samples are differenced as integers of their width too). `bytes` must already be in the machine's order
 * and aligned to the sample width.
 */
export function undoHorizontalPredictor(bytes: Uint8Array, width: number, height: number, samplesPerPixel: number, sampleBytes: 1 | 2 | 4 | 8): void {
  const stride = samplesPerPixel;
  const rowSamples = width * samplesPerPixel;
  if (sampleBytes === 8) {
    undoHorizontalPredictor64(new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), width, height, samplesPerPixel);
    return;
  }
  const samples =
    sampleBytes === 1
      ? bytes
      : sampleBytes === 2
        ? new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)
        : new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  for (let row = 0; row < height; row++) {
    const end = (row + 1) * rowSamples;
    for (let i = row * rowSamples + stride; i < end; i++) samples[i] = (samples[i] as number) + (samples[i - stride] as number);
  }
}

/** 64-bit samples as pairs of 32-bit words, added with carry (no BigInt per sample). */
function undoHorizontalPredictor64(words: Uint32Array, width: number, height: number, samplesPerPixel: number): void {
  const lo = nativeLittleEndian ? 0 : 1;
  const hi = 1 - lo;
  const stride = 2 * samplesPerPixel;
  const rowWords = 2 * width * samplesPerPixel;
  for (let row = 0; row < height; row++) {
    const end = (row + 1) * rowWords;
    for (let i = row * rowWords + stride; i < end; i += 2) {
      const low = (words[i + lo] as number) + (words[i + lo - stride] as number);
      words[i + lo] = low;
      words[i + hi] = (words[i + hi] as number) + (words[i + hi - stride] as number) + (low > 0xffffffff ? 1 : 0);
    }
  }
}

/**
 * Undoes TIFF's floating-point predictor (Predictor 3) from `input` into `output`. Each row was stored as byte
 * planes, the most significant byte of every sample first, and the bytes differenced along the row with a stride
 * of samplesPerPixel. The samples come out in the file's byte order, to be swapped like unpredicted ones: that is
 * how libtiff (so GDAL) reads them on little-endian machines, where big-endian files with this predictor are written
 * with their planes in the reverse order.
 */
export function undoFloatingPointPredictor(
  input: Uint8Array,
  output: Uint8Array,
  width: number,
  height: number,
  samplesPerPixel: number,
  sampleBytes: 4 | 8,
): void {
  const rowSamples = width * samplesPerPixel;
  const rowBytes = rowSamples * sampleBytes;
  const row = new Uint8Array(rowBytes);
  for (let r = 0; r < height; r++) {
    const offset = r * rowBytes;
    row.set(input.subarray(offset, offset + rowBytes));
    for (let i = samplesPerPixel; i < rowBytes; i++) row[i] = (row[i] as number) + (row[i - samplesPerPixel] as number);
    for (let plane = 0; plane < sampleBytes; plane++) {
      const target = sampleBytes - 1 - plane;
      const from = plane * rowSamples;
      let to = offset + target;
      for (let k = 0; k < rowSamples; k++, to += sampleBytes) output[to] = row[from + k] as number;
    }
  }
}
