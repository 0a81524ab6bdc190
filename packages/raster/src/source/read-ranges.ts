import type { Source } from '../types.js';

// Blocks needed together are often next to each other in a COG (one row of tiles): reading them in one
// request saves round trips, as long as the gap between them is small enough to be cheaper than a request.

export interface ByteRange {
  offset: number;
  length: number;
}

export interface MergeOptions {
  /** Largest gap of unwanted bytes bridged to join two ranges. */
  maxGapBytes: number;
  /** Largest merged read. */
  maxMergedBytes: number;
}

export const DEFAULT_MERGE_OPTIONS: MergeOptions = { maxGapBytes: 64 * 1024, maxMergedBytes: 16 * 1024 * 1024 };

/** A merged read and, for each range it serves, where that range starts inside it. */
export interface MergedRead extends ByteRange {
  parts: { index: number; start: number }[];
}

/** Groups ranges (in any order, overlaps allowed) into merged reads; pure. */
export function planMergedReads(ranges: readonly ByteRange[], options: MergeOptions = DEFAULT_MERGE_OPTIONS): MergedRead[] {
  const order = ranges.map((range, index) => ({ range, index })).sort((a, b) => a.range.offset - b.range.offset);
  const reads: MergedRead[] = [];
  let current: MergedRead | undefined;
  for (const { range, index } of order) {
    const end = range.offset + range.length;
    if (current !== undefined) {
      const currentEnd = current.offset + current.length;
      const mergedLength = Math.max(currentEnd, end) - current.offset;
      if (range.offset - currentEnd <= options.maxGapBytes && mergedLength <= options.maxMergedBytes) {
        current.length = mergedLength;
        current.parts.push({ index, start: range.offset - current.offset });
        continue;
      }
    }
    current = { offset: range.offset, length: range.length, parts: [{ index, start: 0 }] };
    reads.push(current);
  }
  return reads;
}

/** Reads several ranges with as few reads as the merge options allow; results are in the order asked. */
export async function readRanges(
  source: Source,
  ranges: readonly ByteRange[],
  signal?: AbortSignal,
  options: MergeOptions = DEFAULT_MERGE_OPTIONS,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array(ranges.length);
  await Promise.all(
    planMergedReads(ranges, options).map(async (read) => {
      const bytes = await source.read(read.offset, read.length, signal);
      for (const part of read.parts) {
        const length = ranges[part.index]?.length ?? 0;
        out[part.index] = bytes.subarray(Math.min(part.start, bytes.length), Math.min(part.start + length, bytes.length));
      }
    }),
  );
  return out;
}
