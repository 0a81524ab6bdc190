/** True when this machine stores numbers little-endian (typed arrays use the machine's order). */
export const nativeLittleEndian: boolean = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Reverses the bytes of each `sampleBytes`-wide sample of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, sampleBytes: 1 | 2 | 4 | 8): void {
  if (sampleBytes === 1) return;
  const n = bytes.length - (bytes.length % sampleBytes);
  if (sampleBytes === 2) {
    for (let i = 0; i < n; i += 2) {
      const a = bytes[i] as number;
      bytes[i] = bytes[i + 1] as number;
      bytes[i + 1] = a;
    }
  } else if (sampleBytes === 4) {
    for (let i = 0; i < n; i += 4) {
      const a = bytes[i] as number;
      const b = bytes[i + 1] as number;
      bytes[i] = bytes[i + 3] as number;
      bytes[i + 1] = bytes[i + 2] as number;
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  } else {
    for (let i = 0; i < n; i += 8) {
      for (let j = 0; j < 4; j++) {
        const a = bytes[i + j] as number;
        bytes[i + j] = bytes[i + 7 - j] as number;
        bytes[i + 7 - j] = a;
      }
    }
  }
}
