// Serialises TIFF Image File Directories. Where each value array goes is decided by the layout (cog-layout.ts):
// this module only measures and writes.
import { FieldType, fieldTypeSize } from './tiff-constants.js';

export interface IfdEntry {
  tag: number;
  type: FieldType;
  /** Numbers for numeric types; character codes ending with a NUL for ASCII. */
  values: ArrayLike<number>;
}

export function entryByteLength(entry: IfdEntry): number {
  return fieldTypeSize[entry.type] * entry.values.length;
}

/** Values of 4 bytes or less live inside the entry itself. */
export function isInline(entry: IfdEntry): boolean {
  return entryByteLength(entry) <= 4;
}

/** Bytes of the directory proper: count, 12 bytes per entry, next-IFD offset. */
export function ifdByteLength(entryCount: number): number {
  return 2 + 12 * entryCount + 4;
}

/** TIFF values start on word boundaries. */
export function wordAligned(n: number): number {
  return n + (n % 2);
}

/** An ASCII field: latin-1 codes and the terminating NUL. */
export function asciiValues(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff);
  out.push(0);
  return out;
}

export function writeValues(view: DataView, offset: number, entry: IfdEntry): void {
  const { type, values } = entry;
  const size = fieldTypeSize[type];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    const at = offset + i * size;
    if (type === FieldType.BYTE || type === FieldType.ASCII) view.setUint8(at, v);
    else if (type === FieldType.SHORT) view.setUint16(at, v, true);
    else if (type === FieldType.LONG) view.setUint32(at, v, true);
    else view.setFloat64(at, v, true);
  }
}

/**
 * Writes a directory at `offset`. Entries must be sorted by tag; `valueOffsets` gives the file offset of each
 * entry that is not inline (by tag).
 */
export function writeIfd(view: DataView, offset: number, entries: readonly IfdEntry[], valueOffsets: ReadonlyMap<number, number>, nextIfd: number): void {
  view.setUint16(offset, entries.length, true);
  let at = offset + 2;
  for (const entry of entries) {
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, entry.type, true);
    view.setUint32(at + 4, entry.values.length, true);
    if (isInline(entry)) {
      view.setUint32(at + 8, 0, true);
      writeValues(view, at + 8, entry);
    } else {
      const where = valueOffsets.get(entry.tag);
      if (where === undefined) throw new Error(`no offset planned for tag ${entry.tag}`);
      view.setUint32(at + 8, where, true);
      writeValues(view, where, entry);
    }
    at += 12;
  }
  view.setUint32(at, nextIfd, true);
}
