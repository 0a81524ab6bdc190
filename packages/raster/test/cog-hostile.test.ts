import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { openCog } from '../src/cog/cog.js';
import { openSource } from '../src/source/open-source.js';

// Hand-written little-endian classic TIFFs (TIFF 6.0 §2: header, IFD of 12-byte entries, next-IFD pointer), each
// declaring something hostile. Types: 3 SHORT, 4 LONG, 2 ASCII.
type Entry = [tag: number, type: number, count: number, value: number];

function tiff(entries: Entry[], options: { nextIfd?: number; declaredEntries?: number } = {}): Uint8Array {
  const bytes = new Uint8Array(8 + 2 + entries.length * 12 + 4 + 64);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49], 0);
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);
  view.setUint16(8, options.declaredEntries ?? entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    if (type === 3 && count === 1) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  });
  view.setUint32(10 + entries.length * 12, options.nextIfd ?? 0, true);
  return bytes;
}

/** A valid 16 x 16 one-tile uint8 image, whose entries the cases below change. */
function image(changes: Record<number, Entry> = {}): Entry[] {
  const base: Entry[] = [
    [256, 4, 1, 16],
    [257, 4, 1, 16],
    [258, 3, 1, 8],
    [259, 3, 1, 1],
    [262, 3, 1, 1],
    [322, 3, 1, 16],
    [323, 3, 1, 16],
    [324, 4, 1, 200],
    [325, 4, 1, 256],
  ];
  const out = base.map((entry) => changes[entry[0]] ?? entry);
  for (const [tag, entry] of Object.entries(changes)) if (!base.some((e) => e[0] === Number(tag))) out.push(entry);
  return out;
}

describe('hostile TIFF headers', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pqe-cog-hostile-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function open(name: string, bytes: Uint8Array) {
    await writeFile(join(dir, name), bytes);
    return openCog(await openSource(join(dir, name), { localRoots: [dir] }));
  }

  function refused(pattern: RegExp) {
    return (error: unknown) => {
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.code, 'BadRequest');
      assert.match(error.message, pattern);
      return true;
    };
  }

  it('opens the valid base image (so that each case below fails for its own reason)', async () => {
    const cog = await open('valid.tif', tiff(image()));
    assert.deepEqual([cog.width, cog.height, cog.sampleType], [16, 16, 'uint8']);
  });

  it('refuses a chain of IFDs that loops', async () => {
    await assert.rejects(open('loop.tif', tiff(image(), { nextIfd: 8 })), refused(/chain of IFDs loops/));
  });

  it('refuses an IFD declaring more entries than allowed', async () => {
    await assert.rejects(open('entries.tif', tiff(image(), { declaredEntries: 60_000 })), refused(/entries/));
  });

  it('refuses an empty file', async () => {
    await assert.rejects(open('empty.tif', new Uint8Array(0)), refused(/empty/));
  });

  it('refuses an image wider than the limit before allocating anything', async () => {
    await assert.rejects(open('wide.tif', tiff(image({ 256: [256, 4, 1, 2 ** 30] }))), refused(/width of 1073741824 pixels/));
  });

  it('refuses an image of too many tiles', async () => {
    const huge = image({ 256: [256, 4, 1, 2 ** 24], 257: [257, 4, 1, 2 ** 24] });
    await assert.rejects(open('tiles.tif', tiff(huge)), refused(/blocks, more than/));
  });

  it('refuses tiles too large to decode', async () => {
    const big = image({ 322: [322, 4, 1, 65_536], 323: [323, 4, 1, 65_536] });
    await assert.rejects(open('bigtile.tif', tiff(big)), refused(/blocks of \d+ bytes are larger/));
  });

  it('refuses a tag whose declared value is too large to read', async () => {
    const metadata = image({ 42112: [42112, 2, 2 ** 31, 300] });
    await assert.rejects(open('tag.tif', tiff(metadata)), refused(/declares 2147483648 bytes/));
  });

  it('refuses a block table declaring more blocks than allowed', async () => {
    const table = image({ 324: [324, 4, 2 ** 30, 300] });
    await assert.rejects(open('table.tif', tiff(table)), refused(/declares 1073741824 blocks/));
  });

  it('refuses to read a block whose declared byte count is too large', async () => {
    const cog = await open('count.tif', tiff(image({ 325: [325, 4, 1, 2 ** 31] })));
    await assert.rejects(cog.readBlockBytes(0, 0, 0, 0), refused(/block of 2147483648 bytes/));
  });

  it('refuses to read a block that lies past the end of the file', async () => {
    const cog = await open('short.tif', tiff(image({ 324: [324, 4, 1, 10_000] })));
    await assert.rejects(cog.readBlockBytes(0, 0, 0, 0), refused(/truncated/));
  });

  it('reads a block not stored (offset 0) as undefined', async () => {
    const cog = await open('sparse.tif', tiff(image({ 324: [324, 4, 1, 0], 325: [325, 4, 1, 0] })));
    assert.equal(await cog.readBlockBytes(0, 0, 0, 0), undefined);
  });
});
