// Reads numpy .npy files (version 1-3, C order, little-endian numeric dtypes): rio-tiler's reference tiles.
import { readFileSync } from 'node:fs';
import type { SampleType, TypedArray } from '../../src/types.js';

export interface NpyArray {
  shape: number[];
  dtype: SampleType | 'bool';
  data: TypedArray;
}

const DTYPES: Record<string, SampleType | 'bool'> = {
  '|u1': 'uint8',
  '|i1': 'int8',
  '|b1': 'bool',
  '<u2': 'uint16',
  '<i2': 'int16',
  '<u4': 'uint32',
  '<i4': 'int32',
  '<f4': 'float32',
  '<f8': 'float64',
};

export function readNpy(path: string): NpyArray {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path} is not an npy file`);
  const major = buf[6] ?? 1;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1] ?? '';
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order is not supported`);
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const dtype = DTYPES[descr];
  if (!dtype) throw new Error(`${path}: dtype ${descr} is not supported`);
  const offset = start + headerLen;
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + buf.length));
  const data = toTyped(dtype, bytes);
  return { shape, dtype, data };
}

function toTyped(dtype: SampleType | 'bool', b: Uint8Array): TypedArray {
  const ab = b.buffer;
  switch (dtype) {
    case 'uint8':
    case 'bool':
      return new Uint8Array(ab);
    case 'int8':
      return new Int8Array(ab);
    case 'uint16':
      return new Uint16Array(ab);
    case 'int16':
      return new Int16Array(ab);
    case 'uint32':
      return new Uint32Array(ab);
    case 'int32':
      return new Int32Array(ab);
    case 'float32':
      return new Float32Array(ab);
    case 'float64':
      return new Float64Array(ab);
  }
}
