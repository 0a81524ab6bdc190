// Lays out a Cloud-Optimized GeoTIFF the way GDAL's COG driver does (GDAL 3.6 docs, "COG -- Cloud Optimized
// GeoTIFF generator", File format details), so that one range read of the head gets every IFD and the tile index,
// and GDAL reports LAYOUT=COG:
//   8-byte classic TIFF header (little endian), first IFD offset;
//   the "ghost" structural metadata: "GDAL_STRUCTURAL_METADATA_SIZE=XXXXXX bytes\n" (43 bytes, XXXXXX = size of
//     what follows) then LAYOUT=IFDS_BEFORE_DATA, BLOCK_ORDER=ROW_MAJOR, BLOCK_LEADER=SIZE_AS_UINT4,
//     BLOCK_TRAILER=LAST_4_BYTES_REPEATED, "KNOWN_INCOMPATIBLE_EDITION=NO\n " (final space intended), and
//     MASK_INTERLEAVED_WITH_IMAGERY=YES when there is a mask; the first IFD follows on a 2-byte boundary;
//   the IFDs, each followed by its out-of-line values: full resolution, its mask, then each overview (largest
//     first) and its mask (the order GDAL 3.6 itself writes);
//   the TileOffsets / TileByteCounts arrays of all IFDs;
//   tile data from the smallest overview to the full resolution, tiles in row-major order, each preceded by its
//     byte count as a little-endian uint32 (the leader) and followed by a copy of its last 4 bytes (the trailer);
//     with a mask, each image tile is followed at once by the mask tile of the same place.
// GDAL sets LAYOUT=COG when the ghost area names the first four items and no KNOWN_INCOMPATIBLE_EDITION=YES.
import { AppError } from '@pqe/common';
import { entryByteLength, type IfdEntry, ifdByteLength, isInline, wordAligned, writeIfd } from './ifd.js';
import { FieldType, Tag } from './tiff-constants.js';

/** One TIFF image (IFD) to write: its tags but the tile index, and its compressed tiles in row-major order. */
export interface PlannedImage {
  entries: readonly IfdEntry[];
  tiles: readonly Uint8Array[];
}

/** A resolution level: the image and, when there is one, its transparency mask (same tile grid). */
export interface PlannedLevel {
  image: PlannedImage;
  mask?: PlannedImage | undefined;
}

/** Classic TIFF offsets are 32-bit; BigTIFF is not written. */
const maxClassicTiffBytes = 2 ** 32 - 1;
const leaderBytes = 4;
const trailerBytes = 4;

export function ghostArea(withMask: boolean): string {
  let body =
    'LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\nBLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ';
  if (withMask) body += 'MASK_INTERLEAVED_WITH_IMAGERY=YES\n';
  return `GDAL_STRUCTURAL_METADATA_SIZE=${String(body.length).padStart(6, '0')} bytes\n${body}`;
}

interface Placed {
  entries: IfdEntry[];
  tiles: readonly Uint8Array[];
  offsets: number[];
  ifdOffset: number;
  valueOffsets: Map<number, number>;
}

function withTileIndex(image: PlannedImage): Placed {
  const offsets = new Array<number>(image.tiles.length).fill(0);
  const counts = image.tiles.map((t) => t.length);
  const entries = [
    ...image.entries,
    { tag: Tag.TileOffsets, type: FieldType.LONG, values: offsets },
    { tag: Tag.TileByteCounts, type: FieldType.LONG, values: counts },
  ].sort((a, b) => a.tag - b.tag);
  return { entries, tiles: image.tiles, offsets, ifdOffset: 0, valueOffsets: new Map() };
}

export function assembleCog(levels: readonly PlannedLevel[]): Uint8Array {
  const withMask = levels.some((l) => l.mask !== undefined);
  const ghost = ghostArea(withMask);
  const placedLevels = levels.map((l) => ({ image: withTileIndex(l.image), mask: l.mask ? withTileIndex(l.mask) : undefined }));
  const ifds = placedLevels.flatMap((l) => (l.mask ? [l.image, l.mask] : [l.image]));

  let pos = wordAligned(8 + ghost.length);
  for (const ifd of ifds) {
    ifd.ifdOffset = pos;
    pos += ifdByteLength(ifd.entries.length);
    for (const e of ifd.entries) {
      if (isInline(e) || e.tag === Tag.TileOffsets || e.tag === Tag.TileByteCounts) continue;
      ifd.valueOffsets.set(e.tag, pos);
      pos = wordAligned(pos + entryByteLength(e));
    }
  }
  for (const ifd of ifds) {
    for (const e of ifd.entries) {
      if (isInline(e) || (e.tag !== Tag.TileOffsets && e.tag !== Tag.TileByteCounts)) continue;
      ifd.valueOffsets.set(e.tag, pos);
      pos += entryByteLength(e);
    }
  }
  for (let l = placedLevels.length - 1; l >= 0; l--) {
    const level = placedLevels[l];
    if (!level) continue;
    level.image.tiles.forEach((tile, i) => {
      level.image.offsets[i] = pos + leaderBytes;
      pos += leaderBytes + tile.length + trailerBytes;
      const maskTile = level.mask?.tiles[i];
      if (level.mask && maskTile) {
        level.mask.offsets[i] = pos + leaderBytes;
        pos += leaderBytes + maskTile.length + trailerBytes;
      }
    });
  }
  if (pos > maxClassicTiffBytes) {
    throw new AppError('PayloadTooLarge', `The GeoTIFF would take ${pos} bytes, more than the 4 GiB a classic TIFF can address; write a smaller area.`);
  }

  const out = new Uint8Array(pos);
  const view = new DataView(out.buffer);
  out[0] = 0x49; // "II": little endian
  out[1] = 0x49;
  view.setUint16(2, 42, true);
  view.setUint32(4, ifds[0]?.ifdOffset ?? 0, true);
  for (let i = 0; i < ghost.length; i++) out[8 + i] = ghost.charCodeAt(i);
  ifds.forEach((ifd, i) => {
    writeIfd(view, ifd.ifdOffset, ifd.entries, ifd.valueOffsets, ifds[i + 1]?.ifdOffset ?? 0);
  });
  for (const ifd of ifds) {
    ifd.tiles.forEach((tile, i) => {
      const at = ifd.offsets[i] ?? 0;
      view.setUint32(at - leaderBytes, tile.length, true);
      out.set(tile, at);
      out.set(tile.subarray(tile.length - trailerBytes), at + tile.length);
    });
  }
  return out;
}
