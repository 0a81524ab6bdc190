import { AppError } from '@pqe/common';
import type { CogLimits } from './cog-limits.js';
import type { HeaderReader } from './header-reader.js';

// Walks the chain of IFDs before the TIFF parser does. The parser follows "next IFD" pointers without checking
// them: a file whose chain loops would keep it busy forever. Here a loop, too many IFDs or IFDs with too many
// entries are refused first.

export interface IfdChain {
  littleEndian: boolean;
  bigTiff: boolean;
  /** File offsets of the IFDs, in file order. */
  offsets: number[];
}

function notTiff(url: string, reason: string): AppError {
  return new AppError('BadRequest', `${url} is not a readable TIFF: ${reason}.`);
}

function readUint(view: DataView, at: number, bytes: 2 | 4 | 8, littleEndian: boolean, url: string): number {
  if (bytes === 2) return view.getUint16(at, littleEndian);
  if (bytes === 4) return view.getUint32(at, littleEndian);
  const value = view.getBigUint64(at, littleEndian);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw notTiff(url, 'an offset is larger than any file');
  return Number(value);
}

export async function walkIfdChain(reader: HeaderReader, url: string, limits: CogLimits): Promise<IfdChain> {
  const head = await reader.read(0, 16);
  if (head.length === 0) throw notTiff(url, 'the file is empty');
  if (head.length < 8) throw notTiff(url, `the file has only ${head.length} bytes`);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const order = String.fromCharCode(head[0] ?? 0, head[1] ?? 0);
  if (order !== 'II' && order !== 'MM') throw notTiff(url, 'it does not start with the TIFF byte-order mark (II or MM)');
  const littleEndian = order === 'II';
  const magic = view.getUint16(2, littleEndian);
  if (magic !== 42 && magic !== 43) throw notTiff(url, `its version is ${magic}, neither 42 (TIFF) nor 43 (BigTIFF)`);
  const bigTiff = magic === 43;
  if (bigTiff && (head.length < 16 || view.getUint16(4, littleEndian) !== 8)) throw notTiff(url, 'its BigTIFF header is damaged');
  const pointer = bigTiff ? 8 : 4;
  const countBytes = bigTiff ? 8 : 2;
  const entryBytes = bigTiff ? 20 : 12;

  const offsets: number[] = [];
  const seen = new Set<number>();
  let next = readUint(view, bigTiff ? 8 : 4, pointer, littleEndian, url);
  if (next === 0) throw notTiff(url, 'it has no image');
  while (next !== 0) {
    if (seen.has(next)) throw notTiff(url, 'its chain of IFDs loops');
    if (offsets.length >= limits.maxIfds) throw notTiff(url, `it has more than ${limits.maxIfds} IFDs`);
    seen.add(next);
    offsets.push(next);
    const countView = await reader.read(next, countBytes);
    if (countView.length < countBytes) throw notTiff(url, 'an IFD lies past the end of the file');
    const entries = readUint(new DataView(countView.buffer, countView.byteOffset, countBytes), 0, countBytes as 2 | 8, littleEndian, url);
    if (entries === 0) throw notTiff(url, 'an IFD has no entries');
    if (entries > limits.maxTagsPerIfd) throw notTiff(url, `an IFD has ${entries} entries, more than ${limits.maxTagsPerIfd}`);
    const nextAt = next + countBytes + entries * entryBytes;
    const nextView = await reader.read(nextAt, pointer);
    if (nextView.length < pointer) throw notTiff(url, 'an IFD runs past the end of the file');
    next = readUint(new DataView(nextView.buffer, nextView.byteOffset, pointer), 0, pointer, littleEndian, url);
  }
  return { littleEndian, bigTiff, offsets };
}
