import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planMergedReads, readRanges } from '../src/source/read-ranges.js';
import type { Source } from '../src/types.js';
import { patternBytes } from './source-test-server.js';

/** An in-memory source over real bytes that records the reads it is asked for. */
function memorySource(data: Uint8Array) {
  const reads: [number, number][] = [];
  const source: Source = {
    url: 'memory:test',
    async read(offset, length) {
      reads.push([offset, length]);
      return data.subarray(offset, Math.min(data.length, offset + length));
    },
    size: () => data.length,
    version: () => 'v',
  };
  return { source, reads };
}

describe('merged range reads', () => {
  it('joins adjacent, overlapping and near ranges and keeps far ones apart', () => {
    const plan = planMergedReads(
      [
        { offset: 100, length: 50 },
        { offset: 0, length: 100 },
        { offset: 120, length: 10 },
        { offset: 160, length: 40 },
        { offset: 10_000, length: 5 },
      ],
      { maxGapBytes: 16, maxMergedBytes: 1 << 20 },
    );
    assert.deepEqual(
      plan.map((r) => [r.offset, r.length]),
      [
        [0, 200],
        [10_000, 5],
      ],
    );
  });

  it('does not merge past the largest merged read', () => {
    const plan = planMergedReads(
      [
        { offset: 0, length: 60 },
        { offset: 60, length: 60 },
      ],
      { maxGapBytes: 16, maxMergedBytes: 100 },
    );
    assert.equal(plan.length, 2);
  });

  it('gives each range its own bytes, in the order asked, with one read per merged group', async () => {
    const data = patternBytes(20_000);
    const { source, reads } = memorySource(data);
    const ranges = [
      { offset: 5000, length: 100 },
      { offset: 10, length: 20 },
      { offset: 30, length: 40 },
      { offset: 15, length: 5 },
    ];
    const out = await readRanges(source, ranges, undefined, { maxGapBytes: 100, maxMergedBytes: 1 << 20 });
    ranges.forEach((range, i) => {
      assert.deepEqual(out[i], data.subarray(range.offset, range.offset + range.length));
    });
    assert.deepEqual(reads, [
      [10, 60],
      [5000, 100],
    ]);
  });
});
