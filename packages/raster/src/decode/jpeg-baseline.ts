import { BlockDecodeError } from './block-decode-error.js';
import { yccToRgb } from './jpeg-color.js';
import { buildHuffmanTable, corruptJpeg, EntropyReader, type HuffmanTable } from './jpeg-entropy.js';
import { dcOnlySample, idctWorkspace, inverseDct } from './jpeg-idct.js';

const PHOTOMETRIC_YCBCR = 6;

/**
 * Blocks above this many pixels are left to sharp: this decoder keeps the whole block's coefficients and planes (about
 * 9 bytes a pixel for 4:2:0), where libjpeg streams rows. 4096 x 4096 is four times the largest common COG tile.
 */
export const MAX_JPEG_BASELINE_PIXELS = 4096 * 4096;

/** Zigzag position to natural (row-major) position, with 16 spare entries so a corrupt run past 63 lands on 63. */
const NATURAL_ORDER = Uint8Array.of(
  0,
  1,
  8,
  16,
  9,
  2,
  3,
  10,
  17,
  24,
  32,
  25,
  18,
  11,
  4,
  5,
  12,
  19,
  26,
  33,
  40,
  48,
  41,
  34,
  27,
  20,
  13,
  6,
  7,
  14,
  21,
  28,
  35,
  42,
  49,
  56,
  57,
  50,
  43,
  36,
  29,
  22,
  15,
  23,
  30,
  37,
  44,
  51,
  58,
  59,
  52,
  45,
  38,
  31,
  39,
  46,
  53,
  60,
  61,
  54,
  47,
  55,
  62,
  63,
  ...new Array<number>(16).fill(63),
);

interface Component {
  id: number;
  /** Sampling factors, 1 or 2. */
  h: number;
  v: number;
  quantTable: number;
  /** Blocks across and down in the coefficient store (whole MCUs). */
  blocksWide: number;
  blocksHigh: number;
  /** Dequantisation table in natural order, taken when the component's scan starts (as libjpeg does). */
  quant: Int32Array | undefined;
  coef: Int16Array;
  /** Per block: 1 when any AC coefficient is non-zero. */
  hasAc: Uint8Array;
  scanned: boolean;
}

interface Frame {
  width: number;
  height: number;
  components: Component[];
  hMax: number;
  vMax: number;
  mcusWide: number;
  mcusHigh: number;
}

interface Tables {
  quant: (Int32Array | undefined)[];
  dc: (HuffmanTable | undefined)[];
  ac: (HuffmanTable | undefined)[];
  restartInterval: number;
}

/**
 * Decodes a baseline (SOF0 / SOF1), 8-bit, Huffman-coded JPEG stream of one TIFF block as IJG libjpeg 9 does when
 * libtiff reads it, sample for sample: the colour conversion follows the TIFF Photometric (YCbCr to RGB for 6, none
 * otherwise), as libtiff tells libjpeg, whatever markers the stream carries. Returns `width * height * samplesPerPixel`
 * interleaved samples, or undefined for streams this decoder leaves to another (progressive, lossless, arithmetic,
 * 12-bit, other sampling factors or component counts, subsampled components without a YCbCr conversion, blocks above
 * MAX_JPEG_BASELINE_PIXELS).
 * Corrupt or truncated data and a stream of other dimensions throw a BlockDecodeError.
 */
export function decodeJpegBaseline(stream: Uint8Array, width: number, height: number, samplesPerPixel: number, photometric: number): Uint8Array | undefined {
  if (stream.length < 4 || stream[0] !== 0xff || stream[1] !== 0xd8) throw corruptJpeg('no start-of-image marker');
  if (width * height > MAX_JPEG_BASELINE_PIXELS) return undefined;
  const tables: Tables = { quant: [], dc: [], ac: [], restartInterval: 0 };
  let frame: Frame | undefined;
  let p = 2;
  for (;;) {
    if (p + 1 >= stream.length || stream[p] !== 0xff) throw corruptJpeg(`expected a marker at byte ${p}`);
    while (p + 1 < stream.length && stream[p + 1] === 0xff) p++;
    const marker = stream[p + 1] as number;
    if (marker === 0xd9) throw corruptJpeg('the stream ends before all its components were coded');
    if (marker === 0x01) {
      p += 2;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0) throw corruptJpeg(`unexpected marker 0x${marker.toString(16)}`);
    if (p + 4 > stream.length) throw corruptJpeg('a marker segment is cut off');
    const length = ((stream[p + 2] as number) << 8) | (stream[p + 3] as number);
    const end = p + 2 + length;
    if (length < 2 || end > stream.length) throw corruptJpeg('a marker segment is cut off');
    const body = stream.subarray(p + 4, end);
    switch (marker) {
      case 0xc0:
      case 0xc1:
        if (frame !== undefined) throw corruptJpeg('more than one frame header');
        frame = readFrame(body, width, height, samplesPerPixel);
        if (frame === undefined) return undefined;
        if (frame.components.length === 3 && photometric !== PHOTOMETRIC_YCBCR && (frame.hMax > 1 || frame.vMax > 1)) return undefined;
        if (frame.components.length === 1 && photometric === PHOTOMETRIC_YCBCR) return undefined;
        break;
      case 0xc4:
        readHuffmanTables(body, tables);
        break;
      case 0xdb:
        readQuantTables(body, tables);
        break;
      case 0xdd:
        if (length !== 4) throw corruptJpeg('a restart interval segment of the wrong length');
        tables.restartInterval = ((body[0] as number) << 8) | (body[1] as number);
        break;
      case 0xda: {
        if (frame === undefined) throw corruptJpeg('a scan before the frame header');
        const supported = decodeScan(stream, body, end, frame, tables);
        if (supported === undefined) return undefined;
        p = supported;
        if (frame.components.every((c) => c.scanned)) return render(frame, photometric);
        continue;
      }
      default:
        // other frame types (progressive, lossless, arithmetic), arithmetic tables and DNL are left to another decoder
        if ((marker >= 0xc2 && marker <= 0xcf) || marker === 0xdc) return undefined;
      // APPn, COM and the rest carry nothing the pixels depend on
    }
    p = end;
  }
}

function readFrame(body: Uint8Array, width: number, height: number, samplesPerPixel: number): Frame | undefined {
  if (body.length < 6) throw corruptJpeg('a frame header is cut off');
  if (body[0] !== 8) return undefined;
  const rows = ((body[1] as number) << 8) | (body[2] as number);
  const columns = ((body[3] as number) << 8) | (body[4] as number);
  const count = body[5] as number;
  if (body.length !== 6 + 3 * count) throw corruptJpeg('a frame header of the wrong length');
  if (count !== 1 && count !== 3) return undefined;
  if (rows !== height || columns !== width) {
    // the same words as for blocks sharp decodes
    const message =
      rows > height || columns > width
        ? `JPEG data is corrupt or larger than the ${width}x${height} block: its frame is ${columns}x${rows} pixels`
        : `JPEG data is ${columns}x${rows} pixels, but the block is ${width}x${height}`;
    throw new BlockDecodeError(message, { compression: 7 });
  }
  if (count !== samplesPerPixel) {
    throw new BlockDecodeError(`JPEG data has ${count} samples per pixel, but the block has ${samplesPerPixel}`, { compression: 7 });
  }
  const specs = [];
  for (let i = 0; i < count; i++) {
    const sampling = body[7 + 3 * i] as number;
    const spec = { id: body[6 + 3 * i] as number, h: sampling >> 4, v: sampling & 15, quantTable: body[8 + 3 * i] as number };
    if (spec.h < 1 || spec.h > 2 || spec.v < 1 || spec.v > 2) return undefined;
    if (spec.quantTable > 3) throw corruptJpeg('a component names a quantisation table above 3');
    specs.push(spec);
  }
  const hMax = Math.max(...specs.map((s) => s.h));
  const vMax = Math.max(...specs.map((s) => s.v));
  const mcusWide = Math.ceil(width / (8 * hMax));
  const mcusHigh = Math.ceil(height / (8 * vMax));
  const components = specs.map((s): Component => {
    const blocksWide = mcusWide * s.h;
    const blocksHigh = mcusHigh * s.v;
    return {
      ...s,
      blocksWide,
      blocksHigh,
      quant: undefined,
      coef: new Int16Array(blocksWide * blocksHigh * 64),
      hasAc: new Uint8Array(blocksWide * blocksHigh),
      scanned: false,
    };
  });
  return { width, height, components, hMax, vMax, mcusWide, mcusHigh };
}

function readQuantTables(body: Uint8Array, tables: Tables): void {
  let p = 0;
  while (p < body.length) {
    const precision = (body[p] as number) >> 4;
    const index = (body[p] as number) & 15;
    if (precision > 1 || index > 3) throw corruptJpeg('a quantisation table with a bad precision or index');
    const size = precision === 0 ? 64 : 128;
    if (p + 1 + size > body.length) throw corruptJpeg('a quantisation table is cut off');
    const table = new Int32Array(64);
    for (let k = 0; k < 64; k++) {
      const at = p + 1 + (precision === 0 ? k : 2 * k);
      table[NATURAL_ORDER[k] as number] = precision === 0 ? (body[at] as number) : ((body[at] as number) << 8) | (body[at + 1] as number);
    }
    tables.quant[index] = table;
    p += 1 + size;
  }
}

function readHuffmanTables(body: Uint8Array, tables: Tables): void {
  let p = 0;
  while (p < body.length) {
    const tableClass = (body[p] as number) >> 4;
    const index = (body[p] as number) & 15;
    if (tableClass > 1 || index > 3) throw corruptJpeg('a Huffman table with a bad class or index');
    if (p + 17 > body.length) throw corruptJpeg('a Huffman table is cut off');
    const counts = body.subarray(p + 1, p + 17);
    let total = 0;
    for (const n of counts) total += n;
    if (total > 256 || p + 17 + total > body.length) throw corruptJpeg('a Huffman table is cut off or too long');
    const table = buildHuffmanTable(counts, body.slice(p + 17, p + 17 + total));
    (tableClass === 0 ? tables.dc : tables.ac)[index] = table;
    p += 17 + total;
  }
}

interface ScanComponent {
  component: Component;
  dc: HuffmanTable;
  ac: HuffmanTable;
}

/** Decodes one scan's coefficients; returns the position of the marker after it, or undefined when unsupported. */
function decodeScan(stream: Uint8Array, header: Uint8Array, start: number, frame: Frame, tables: Tables): number | undefined {
  const count = header[0] as number;
  if (count < 1 || count > frame.components.length || header.length !== 4 + 2 * count) throw corruptJpeg('a scan header of the wrong length');
  const spectralStart = header[1 + 2 * count] as number;
  const spectralEnd = header[2 + 2 * count] as number;
  const approximation = header[3 + 2 * count] as number;
  // libjpeg 9 reads other values in sequential mode as its own scaled-block extension
  if (spectralStart !== 0 || spectralEnd !== 63 || approximation !== 0) return undefined;
  const scan: ScanComponent[] = [];
  let blocksInMcu = 0;
  for (let i = 0; i < count; i++) {
    const component = frame.components.find((c) => c.id === header[1 + 2 * i]);
    if (component === undefined || component.scanned || scan.some((s) => s.component === component)) {
      throw corruptJpeg('a scan names a component that is missing or already coded');
    }
    const selectors = header[2 + 2 * i] as number;
    const dc = tables.dc[selectors >> 4];
    const ac = tables.ac[selectors & 15];
    if (dc === undefined || ac === undefined) throw corruptJpeg('a scan uses a Huffman table that was not defined');
    if (dc.maxSymbol > 15) throw corruptJpeg('a DC Huffman table has a symbol above 15');
    const quant = tables.quant[component.quantTable];
    if (quant === undefined) throw corruptJpeg('a component uses a quantisation table that was not defined');
    component.quant = quant;
    blocksInMcu += component.h * component.v;
    scan.push({ component, dc, ac });
  }
  if (count > 1 && blocksInMcu > 10) throw corruptJpeg('an MCU of more than 10 blocks');

  const reader = new EntropyReader(stream, start);
  const predictions = new Int32Array(count);
  const single = count === 1 ? (scan[0] as ScanComponent).component : undefined;
  // a one-component scan codes only the blocks that hold its samples, one per MCU
  const mcusWide = single === undefined ? frame.mcusWide : Math.ceil(Math.ceil((frame.width * single.h) / frame.hMax) / 8);
  const mcusHigh = single === undefined ? frame.mcusHigh : Math.ceil(Math.ceil((frame.height * single.v) / frame.vMax) / 8);
  const interval = tables.restartInterval;
  let nextRestart = 0;
  for (let mcu = 0, total = mcusWide * mcusHigh; mcu < total; mcu++) {
    if (interval > 0 && mcu > 0 && mcu % interval === 0) {
      reader.reset();
      reader.pos = restartMarker(stream, reader.pos, nextRestart);
      nextRestart = (nextRestart + 1) & 7;
      predictions.fill(0);
    }
    const mx = mcu % mcusWide;
    const my = (mcu - mx) / mcusWide;
    for (let i = 0; i < count; i++) {
      const { component, dc, ac } = scan[i] as ScanComponent;
      if (single !== undefined) {
        predictions[i] = decodeBlock(reader, component, my * component.blocksWide + mx, dc, ac, predictions[i] as number);
        continue;
      }
      for (let v = 0; v < component.v; v++) {
        for (let h = 0; h < component.h; h++) {
          const block = (my * component.v + v) * component.blocksWide + mx * component.h + h;
          predictions[i] = decodeBlock(reader, component, block, dc, ac, predictions[i] as number);
        }
      }
    }
    reader.checkNotTruncated();
  }
  reader.reset();
  for (const { component } of scan) component.scanned = true;
  return nextMarker(stream, reader.pos);
}

/** Decodes one block's coefficients (F.2.2); returns the new DC prediction. */
function decodeBlock(reader: EntropyReader, component: Component, block: number, dc: HuffmanTable, ac: HuffmanTable, prediction: number): number {
  const coef = component.coef;
  const at = block * 64;
  const size = reader.decode(dc);
  const next = (prediction + (size === 0 ? 0 : reader.receiveExtend(size))) | 0;
  coef[at] = next;
  let hasAc = 0;
  for (let k = 1; k < 64; k++) {
    const symbol = reader.decode(ac);
    const run = symbol >> 4;
    const bits = symbol & 15;
    if (bits !== 0) {
      k += run;
      coef[at + (NATURAL_ORDER[k] as number)] = reader.receiveExtend(bits);
      hasAc = 1;
    } else if (run === 15) k += 15;
    else break;
  }
  component.hasAc[block] = hasAc;
  return next;
}

/** The position after the restart marker expected at `p` (fill bytes allowed before it). */
function restartMarker(stream: Uint8Array, p: number, expected: number): number {
  let q = p;
  if (stream[q] !== 0xff) throw corruptJpeg('entropy-coded data runs past its restart interval');
  while (stream[q] === 0xff) q++;
  if (stream[q] !== 0xd0 + expected) throw corruptJpeg(`restart marker ${expected} is missing`);
  return q + 1;
}

/** The position of the next marker at or after `p`, skipping bytes left after a scan, as libjpeg does. */
function nextMarker(stream: Uint8Array, p: number): number {
  let q = p;
  while (q + 1 < stream.length && !(stream[q] === 0xff && stream[q + 1] !== 0 && stream[q + 1] !== 0xff)) q++;
  if (q + 1 >= stream.length) throw corruptJpeg('the stream ends inside a scan');
  return q;
}

/** Inverse DCTs every block that holds image pixels into full-resolution planes, then converts them to samples. */
function render(frame: Frame, photometric: number): Uint8Array {
  const { width, height, components, hMax, vMax } = frame;
  const stride = frame.mcusWide * 8 * hMax;
  const planeRows = frame.mcusHigh * 8 * vMax;
  const ws = idctWorkspace();
  const planes = components.map((component) => {
    const plane = new Uint8Array(stride * planeRows);
    // a 2x-subsampled component's block becomes 16 samples that way (libjpeg's scaled IDCT; no upsampler)
    const blockWidth = ((8 * hMax) / component.h) as 8 | 16;
    const blockHeight = ((8 * vMax) / component.v) as 8 | 16;
    const quant = component.quant as Int32Array;
    const across = Math.min(component.blocksWide, Math.ceil(width / blockWidth));
    const down = Math.min(component.blocksHigh, Math.ceil(height / blockHeight));
    for (let by = 0; by < down; by++) {
      for (let bx = 0; bx < across; bx++) {
        const block = by * component.blocksWide + bx;
        const outAt = by * blockHeight * stride + bx * blockWidth;
        if (component.hasAc[block] === 0) {
          const sample = dcOnlySample(component.coef[block * 64] as number, quant[0] as number);
          for (let r = 0, row = outAt; r < blockHeight; r++, row += stride) for (let x = row, end = row + blockWidth; x < end; x++) plane[x] = sample;
        } else inverseDct(component.coef, block * 64, quant, ws, plane, outAt, stride, blockWidth, blockHeight);
      }
    }
    return plane;
  });
  const out = new Uint8Array(width * height * components.length);
  if (components.length === 3 && photometric === PHOTOMETRIC_YCBCR) {
    yccToRgb(planes[0] as Uint8Array, planes[1] as Uint8Array, planes[2] as Uint8Array, stride, width, height, out);
    return out;
  }
  const n = components.length;
  for (let c = 0; c < n; c++) {
    const plane = planes[c] as Uint8Array;
    for (let y = 0, o = c; y < height; y++) {
      for (let x = y * stride, end = x + width; x < end; x++, o += n) out[o] = plane[x] as number;
    }
  }
  return out;
}
