/**
 * The RGBA entries (0..255, interleaved, alpha 255) of a TIFF ColorMap: 3 * 2^bits 16-bit values, all reds,
 * then all greens, then all blues. Each is divided by 257 and truncated, as GDAL shows them.
 * Undefined when the count does not match the bits per sample.
 */
export function colormapToRgba(values: ArrayLike<number>, bitsPerSample: number): Uint8Array | undefined {
  if (bitsPerSample < 1 || bitsPerSample > 16) return undefined;
  const entries = 2 ** bitsPerSample;
  if (values.length !== 3 * entries) return undefined;
  const rgba = new Uint8Array(entries * 4);
  for (let i = 0; i < entries; i += 1) {
    rgba[i * 4] = Math.trunc((values[i] ?? 0) / 257);
    rgba[i * 4 + 1] = Math.trunc((values[entries + i] ?? 0) / 257);
    rgba[i * 4 + 2] = Math.trunc((values[2 * entries + i] ?? 0) / 257);
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}
