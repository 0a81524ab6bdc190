// NPY (numpy's .npy format, version 1.0) writer and reader.
// Format facts (numpy.lib.format): magic "\x93NUMPY", major 1, minor 0, header length as little-endian uint16,
// then the header: the Python repr of {'descr': ..., 'fortran_order': False, 'shape': (...), } with keys sorted,
// padded with 21 - len(repr(shape[0])) spaces of growth room (numpy >= 1.24), then spaces up to a multiple of 64
// bytes for the whole prefix, and a final "\n". Data follow in C order.
// titiler 0.18 / rio-tiler 6.8 "npy" output: numpy.save of the (bands, height, width) data array, with the mask
// (0 or 255) concatenated as one last band when the mask is asked for; numpy.concatenate promotes to the common
// type of the data and uint8 (int8 becomes int16, every other type holds 0..255 as is).
import { AppError } from '@pqe/common';
import type { SampleType, TypedArray } from '../types.js';
import { bytesPerSample, newSampleArray, sampleArrayOver, sampleTypeOf } from '../writer/sample-arrays.js';

const descrOf: Record<SampleType, string> = {
  uint8: '|u1',
  int8: '|i1',
  uint16: '<u2',
  int16: '<i2',
  uint32: '<u4',
  int32: '<i4',
  float32: '<f4',
  float64: '<f8',
};
const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const arrayAlign = 64;
const growthAxisMaxDigits = 21;
/** Header length a v1.0 file can state (uint16); larger headers only come from absurd shapes. */
const maxHeaderLength = 0xffff;

function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** Encodes `data` (C order) with `shape`; the sample type is the array's own. */
export function encodeNpy(data: TypedArray, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((n) => Number.isInteger(n) && n >= 0) || count !== data.length) {
    throw new AppError('InvalidParameter', `The shape (${shape.join(', ')}) does not describe ${data.length} samples.`);
  }
  let header = `{'descr': '${descrOf[sampleTypeOf(data)]}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) header += ' '.repeat(Math.max(0, growthAxisMaxDigits - String(shape[0]).length));
  const unpadded = magic.length + 2 + 2 + header.length + 1;
  // numpy pads by a whole 64 bytes when the prefix is already aligned.
  header += `${' '.repeat(arrayAlign - (unpadded % arrayAlign))}\n`;
  if (header.length > maxHeaderLength) throw new AppError('InvalidParameter', 'The array shape is too long for an NPY header.');
  const prefix = magic.length + 4 + header.length;
  const out = new Uint8Array(prefix + data.byteLength);
  out.set(magic, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  // Little-endian host order is the '<' the header declares.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), prefix);
  return out;
}

/** The type numpy.concatenate gives a data array joined with a uint8 mask. */
export function withMaskType(type: SampleType): SampleType {
  return type === 'int8' ? 'int16' : type;
}

/**
 * titiler's npy body for a tile: pixel-interleaved `data` becomes (bands, height, width), plus the mask as the
 * last band when given (255 = valid, 0 = masked).
 */
export function encodeTileNpy(data: TypedArray, width: number, height: number, bands: number, mask?: Uint8Array): Uint8Array {
  const pixels = width * height;
  if (data.length !== pixels * bands || (mask && mask.length !== pixels)) {
    throw new AppError('InvalidParameter', `The arrays do not hold ${width}x${height} pixels of ${bands} bands.`);
  }
  const type = mask ? withMaskType(sampleTypeOf(data)) : sampleTypeOf(data);
  const out = newSampleArray(type, pixels * (bands + (mask ? 1 : 0)));
  for (let b = 0; b < bands; b++) {
    const plane = b * pixels;
    for (let p = 0; p < pixels; p++) out[plane + p] = data[p * bands + b] ?? 0;
  }
  if (mask) out.set(mask, bands * pixels);
  return encodeNpy(out, [bands + (mask ? 1 : 0), height, width]);
}

/**
 * The same body from one array per band (the reader's layout): each band is one slab of the (bands, height, width)
 * array already, so it is copied whole rather than gathered sample by sample.
 */
export function encodeBandsNpy(bands: readonly TypedArray[], type: SampleType, width: number, height: number, mask?: Uint8Array): Uint8Array {
  const pixels = width * height;
  if (bands.length === 0 || bands.some((band) => band.length !== pixels) || (mask && mask.length !== pixels)) {
    throw new AppError('InvalidParameter', `The arrays do not hold ${width}x${height} pixels of ${bands.length} bands.`);
  }
  const count = bands.length + (mask ? 1 : 0);
  const out = newSampleArray(mask ? withMaskType(type) : type, pixels * count);
  for (let b = 0; b < bands.length; b++) out.set(bands[b] as TypedArray, b * pixels);
  if (mask) out.set(mask, bands.length * pixels);
  return encodeNpy(out, [count, height, width]);
}

const typeOfDescr = new Map(Object.entries(descrOf).map(([type, descr]) => [descr, type as SampleType]));
// '=' and '<' mean little endian on the hosts Node runs on; one-byte types may say '|'.
const aliases: Record<string, string> = { '<u1': '|u1', '<i1': '|i1', '=u1': '|u1', '=i1': '|i1' };

export interface NpyArray {
  data: TypedArray;
  shape: number[];
  sampleType: SampleType;
}

/** Reads a C-order, little-endian NPY of one of our sample types (what numpy.save writes for them). */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const bad = (why: string): never => {
    throw new AppError('BadRequest', `Not a readable NPY array: ${why}.`);
  };
  if (bytes.length < 10 || !magic.every((m, i) => bytes[i] === m)) bad('no NPY magic');
  const major = bytes[6] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : major === 2 || major === 3 ? 4 : bad(`version ${major} unknown`);
  if (bytes.length < 8 + lengthBytes) bad('truncated header');
  const headerLength = lengthBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes;
  if (headerLength > maxHeaderLength * 16 || start + headerLength > bytes.length) bad('header longer than the file');
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1] ?? bad('no descr');
  const type = typeOfDescr.get(aliases[descr] ?? descr.replace(/^=/, '<')) ?? bad(`dtype ${descr} is not supported`);
  if (!/'fortran_order':\s*False/.test(header)) bad('Fortran order is not supported');
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? bad('no shape');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : bad(`shape entry ${s}`)));
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLength;
  const sample = bytesPerSample(type);
  if (!Number.isSafeInteger(count) || dataStart + count * sample > bytes.length) bad(`the file is too short for shape (${shape.join(', ')})`);
  const copy = bytes.slice(dataStart, dataStart + count * sample);
  return { data: sampleArrayOver(type, copy.buffer), shape, sampleType: type };
}
