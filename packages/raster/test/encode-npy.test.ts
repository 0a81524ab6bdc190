import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { isAppError } from '@pqe/common';
import { decodeNpy, encodeBandsNpy, encodeNpy, encodeTileNpy } from '../src/encode/npy.js';
import type { SampleType } from '../src/types.js';
import { newSampleArray } from '../src/writer/sample-arrays.js';
import { type TempDir, tempDir, writeBytes } from './writer-gdal-tools.js';

const run = promisify(execFile);

/** A Python with numpy: the one on PATH, else the system one (a PATH Python may be a bare virtualenv). */
async function findNumpy(): Promise<string | undefined> {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      await run(python, ['-c', 'import numpy']);
      return python;
    } catch {}
  }
  return undefined;
}

let python: string | undefined;
let dir: TempDir;
before(async () => {
  python = await findNumpy();
  dir = await tempDir('pqe-npy-');
});
after(() => dir.remove());
const noNumpy = 'python3 with numpy not installed: install python3-numpy to check NPY bytes against numpy.save';

const types: SampleType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
const numpyName: Record<SampleType, string> = {
  uint8: 'uint8',
  int8: 'int8',
  uint16: 'uint16',
  int16: 'int16',
  uint32: 'uint32',
  int32: 'int32',
  float32: 'float32',
  float64: 'float64',
};

/** v(b, y, x) = (b * 31 + y * 7 + x * 3) % 100 - 40: the same formula is written in Python below. */
function value(b: number, y: number, x: number): number {
  return ((b * 31 + y * 7 + x * 3) % 100) - 40;
}

describe('NPY', () => {
  it('writes what numpy.save writes for a tile and its mask, for every sample type', async (t) => {
    if (!python) return t.skip(noNumpy);
    const [width, height, bands] = [5, 3, 2];
    // numpy builds data + mask independently and saves np.concatenate((data, mask[None])) as rio-tiler does.
    const script = `
import sys, io, numpy as np
b, y, x = np.meshgrid(np.arange(${bands}), np.arange(${height}), np.arange(${width}), indexing="ij")
for name in sys.argv[1:]:
    signed = np.dtype(name).kind != "u"
    data = (((b * 31 + y * 7 + x * 3) % 100) - (40 if signed else 0)).astype(name)
    mask = np.where((np.arange(${height})[:, None] + np.arange(${width})[None, :]) % 3 == 0, 0, 255).astype("uint8")
    out = io.BytesIO()
    np.save(out, np.concatenate((data, np.expand_dims(mask, axis=0))))
    sys.stdout.write(out.getvalue().hex() + "\\n")
`;
    const { stdout } = await run(python, ['-c', script, ...types.map((ty) => numpyName[ty])]);
    const expected = stdout.trim().split('\n');
    types.forEach((type, k) => {
      const signed = !type.startsWith('uint');
      const data = newSampleArray(type, width * height * bands);
      const mask = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let b = 0; b < bands; b++) data[(y * width + x) * bands + b] = value(b, y, x) + (signed ? 0 : 40);
          mask[y * width + x] = (y + x) % 3 === 0 ? 0 : 255;
        }
      }
      assert.equal(Buffer.from(encodeTileNpy(data, width, height, bands, mask)).toString('hex'), expected[k], type);
    });
  });

  it('reads arrays numpy wrote', async (t) => {
    if (!python) return t.skip(noNumpy);
    const path = dir.file('numpy.npy');
    await run(python, ['-c', `import numpy as np; np.save("${path}", (np.arange(24, dtype="float32").reshape(2, 3, 4) - 5.5))`]);
    const { readFile } = await import('node:fs/promises');
    const array = decodeNpy(new Uint8Array(await readFile(path)));
    assert.equal(array.sampleType, 'float32');
    assert.deepEqual(array.shape, [2, 3, 4]);
    assert.deepEqual(
      [...array.data],
      Array.from({ length: 24 }, (_, i) => i - 5.5),
    );
  });

  it('lets numpy read a 64-byte aligned header back', async (t) => {
    if (!python) return t.skip(noNumpy);
    const path = dir.file('ours.npy');
    await writeBytes(path, encodeNpy(new Int16Array([1, -2, 3, -4, 5, -6]), [2, 3]));
    const { stdout } = await run(python, ['-c', `import numpy as np; a = np.load("${path}"); print(a.dtype, a.shape, a.tolist())`]);
    assert.equal(stdout.trim(), 'int16 (2, 3) [[1, -2, 3], [-4, 5, -6]]');
  });

  it('round-trips through our own reader with the mask as the last band', () => {
    const data = new Int8Array([-128, 127, 0, -1, 5, 6]);
    const mask = new Uint8Array([255, 0, 255]);
    const array = decodeNpy(encodeTileNpy(data, 3, 1, 2, mask));
    assert.equal(array.sampleType, 'int16');
    assert.deepEqual(array.shape, [3, 1, 3]);
    assert.deepEqual([...array.data], [-128, 0, 5, 127, -1, 6, 255, 0, 255]);
  });

  it('writes the same bytes from one array per band as from pixel-interleaved samples', () => {
    const types: SampleType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
    const width = 5;
    const height = 3;
    const pixels = width * height;
    const mask = Uint8Array.from({ length: pixels }, (_, i) => (i % 4 === 0 ? 0 : 255));
    for (const type of types) {
      const bands = [0, 1, 2].map((b) => {
        const band = newSampleArray(type, pixels);
        for (let i = 0; i < pixels; i++) band[i] = ((i * 7 + b * 31) % 120) - (type.startsWith('int') ? 60 : 0) + (type.startsWith('float') ? 0.25 : 0);
        return band;
      });
      const interleaved = newSampleArray(type, pixels * 3);
      for (let i = 0; i < pixels; i++) for (let b = 0; b < 3; b++) interleaved[i * 3 + b] = bands[b]?.[i] as number;
      for (const m of [mask, undefined]) {
        assert.deepEqual(
          encodeBandsNpy(bands, type, width, height, m),
          encodeTileNpy(interleaved, width, height, 3, m),
          `${type} ${m ? 'with' : 'without'} mask`,
        );
      }
    }
    assert.throws(() => encodeBandsNpy([new Uint8Array(4)], 'uint8', 5, 3), isAppError);
  });

  it('pads the header so the data start on a multiple of 64 bytes', () => {
    for (const shape of [[0], [3, 256, 0], [123456789012, 0], [1, 0, 1234567]]) {
      const bytes = encodeNpy(new Float64Array(0), shape);
      const headerLength = new DataView(bytes.buffer).getUint16(8, true);
      assert.equal((10 + headerLength) % 64, 0);
      assert.equal(bytes[9 + headerLength], 0x0a);
    }
  });

  it('refuses bytes that are not an NPY array of a supported type', () => {
    const notNpy = new TextEncoder().encode('hello world, not numpy');
    assert.throws(
      () => decodeNpy(notNpy),
      (e: unknown) => isAppError(e) && e.code === 'BadRequest',
    );
    const bigEndian = encodeNpy(new Uint16Array(4), [4]);
    bigEndian[bigEndian.indexOf(0x3c)] = 0x3e; // '<u2' becomes '>u2'
    assert.throws(
      () => decodeNpy(bigEndian),
      (e: unknown) => isAppError(e) && /dtype >u2/.test(e.message),
    );
    const truncated = encodeNpy(new Float32Array(100), [10, 10]).subarray(0, 200);
    assert.throws(
      () => decodeNpy(truncated),
      (e: unknown) => isAppError(e) && /too short/.test(e.message),
    );
  });
});
