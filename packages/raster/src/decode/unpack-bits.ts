/**
 * Unpacks 1-bit samples (most significant bit first, each row padded to a whole byte) to one byte per sample:
 * 255 for a set bit, 0 otherwise, as GDAL presents 1-bit masks.
 */
export function unpackBits(packed: Uint8Array, width: number, height: number, samplesPerPixel: number): Uint8Array {
  const rowSamples = width * samplesPerPixel;
  const rowBytes = Math.ceil(rowSamples / 8);
  const out = new Uint8Array(rowSamples * height);
  let o = 0;
  for (let row = 0; row < height; row++) {
    const base = row * rowBytes;
    for (let i = 0; i < rowSamples; i++) {
      out[o++] = ((packed[base + (i >> 3)] as number) >> (7 - (i & 7))) & 1 ? 255 : 0;
    }
  }
  return out;
}
