import { BlockDecodeError } from './block-decode-error.js';

const PHOTOMETRIC_YCBCR = 6;

/**
 * Makes one complete JPEG stream of a TIFF block: the JPEGTables tag (SOI, tables, EOI) supplies the tables that an
 * abbreviated block stream leaves out, and for 3-sample pixels an Adobe APP14 marker after SOI states the colour
 * transform, because libjpeg guesses it from the component ids otherwise: libtiff writes RGB blocks with ids 0,1,2,
 * which libjpeg takes for YCbCr. Transform 1 (YCbCr, converted to RGB on decode) for Photometric 6; 0 (stored as is)
 * for the rest. An Adobe marker already in the block comes later in the stream and wins. Greyscale streams get none
 * (decoders take a 1-component Adobe stream for something other than grey).
 */
export function completeJpegStream(block: Uint8Array, jpegTables: Uint8Array | undefined, photometric: number, samplesPerPixel: number): Uint8Array {
  if (!startsWithSoi(block)) throw corrupt('the block does not start with a JPEG start-of-image marker');
  const adobe = samplesPerPixel === 3 ? adobeMarker(photometric === PHOTOMETRIC_YCBCR ? 1 : 0) : new Uint8Array(0);
  let tables: Uint8Array = new Uint8Array(0);
  if (jpegTables !== undefined && jpegTables.length > 4) {
    if (!startsWithSoi(jpegTables) || jpegTables[jpegTables.length - 2] !== 0xff || jpegTables[jpegTables.length - 1] !== 0xd9) {
      throw corrupt('the JPEGTables tag is not a JPEG tables-only stream (start-of-image ... end-of-image)');
    }
    tables = jpegTables.subarray(2, jpegTables.length - 2);
  }
  const out = new Uint8Array(2 + adobe.length + tables.length + block.length - 2);
  out[0] = 0xff;
  out[1] = 0xd8;
  out.set(adobe, 2);
  out.set(tables, 2 + adobe.length);
  out.set(block.subarray(2), 2 + adobe.length + tables.length);
  return out;
}

function startsWithSoi(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

/** APP14 "Adobe": length 14, version 100, flags 0, 0, then the colour transform byte. */
function adobeMarker(transform: 0 | 1): Uint8Array {
  return Uint8Array.of(0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, transform);
}

function corrupt(problem: string): BlockDecodeError {
  return new BlockDecodeError(`JPEG data is corrupt: ${problem}`, { compression: 7 });
}
