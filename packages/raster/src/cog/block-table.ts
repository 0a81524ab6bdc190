import { AppError } from '@pqe/common';
import { Inflight } from '../cache/inflight.js';
import type { Source } from '../types.js';

// Where each block of an image lies in the file: its TileOffsets / TileByteCounts (or Strip...) tables. Small
// tables come with the header; large ones (big images) are read whole on first use, once for all callers,
// and kept with the header so that later tiles need no extra request.

/** A table given in the header, or where to read it from. */
export type TableSource = { values: Float64Array } | { dataOffset: number; dataType: number; count: number };

const TIFF_SHORT = 3;
const TIFF_LONG = 4;
const TIFF_IFD = 13;
const TIFF_LONG8 = 16;
const TIFF_IFD8 = 18;

function entryBytes(dataType: number): number | undefined {
  if (dataType === TIFF_SHORT) return 2;
  if (dataType === TIFF_LONG || dataType === TIFF_IFD) return 4;
  if (dataType === TIFF_LONG8 || dataType === TIFF_IFD8) return 8;
  return undefined;
}

/** Decodes a table of unsigned integers of a TIFF type (SHORT, LONG or LONG8) into numbers. */
export function decodeTable(bytes: Uint8Array, dataType: number, count: number, littleEndian: boolean): Float64Array {
  const size = entryBytes(dataType) ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const at = i * size;
    if (size === 2) out[i] = view.getUint16(at, littleEndian);
    else if (size === 4) out[i] = view.getUint32(at, littleEndian);
    else out[i] = Number(view.getBigUint64(at, littleEndian));
  }
  return out;
}

export class BlockTable {
  readonly #offsets: TableSource;
  readonly #byteCounts: TableSource;
  readonly #littleEndian: boolean;
  readonly #loaded: (Float64Array | undefined)[] = [undefined, undefined];
  readonly #inflight = new Inflight<number, Float64Array>();

  constructor(offsets: TableSource, byteCounts: TableSource, littleEndian: boolean) {
    this.#offsets = offsets;
    this.#byteCounts = byteCounts;
    this.#littleEndian = littleEndian;
    this.#loaded[0] = 'values' in offsets ? offsets.values : undefined;
    this.#loaded[1] = 'values' in byteCounts ? byteCounts.values : undefined;
  }

  /** Bytes the two tables take (or will take) in memory. */
  get estimatedBytes(): number {
    const count = (t: TableSource) => ('values' in t ? t.values.length : t.count);
    return 8 * (count(this.#offsets) + count(this.#byteCounts));
  }

  /** Offset and length of block `index`; both 0 for a block not stored (sparse, or past a short table). */
  async locate(index: number, source: Source, signal?: AbortSignal): Promise<{ offset: number; length: number }> {
    const [offsets, byteCounts] = await Promise.all([this.#table(0, source, signal), this.#table(1, source, signal)]);
    return { offset: offsets[index] ?? 0, length: byteCounts[index] ?? 0 };
  }

  #table(which: 0 | 1, source: Source, signal?: AbortSignal): Promise<Float64Array> {
    const loaded = this.#loaded[which];
    if (loaded !== undefined) return Promise.resolve(loaded);
    const table = which === 0 ? this.#offsets : this.#byteCounts;
    if ('values' in table) return Promise.resolve(table.values);
    return this.#inflight.run(
      which,
      async (shared) => {
        const size = entryBytes(table.dataType);
        if (size === undefined) {
          throw new AppError('BadRequest', `${source.url} has a block table of TIFF type ${table.dataType}, which cannot hold offsets.`);
        }
        const bytes = await source.read(table.dataOffset, table.count * size, shared);
        if (bytes.length < table.count * size) throw new AppError('BadRequest', `${source.url} is truncated: its block table runs past its end.`);
        const values = decodeTable(bytes, table.dataType, table.count, this.#littleEndian);
        this.#loaded[which] = values;
        return values;
      },
      signal,
    );
  }
}
