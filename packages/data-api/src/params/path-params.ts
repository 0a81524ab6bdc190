// The path parameters of the /cog routes. titiler's paths pack several values in one segment
// (`{y}@{scale}x.{format}`, `{minx},{miny},{maxx},{maxy}`, `{width}x{height}.{format}`); the routes match the
// segment whole and these functions take it apart, so that every bad form gets a message saying what to send.
import { AppError } from '@pqe/common';
import { type BBox, type ImageFormat, imageFormats } from '../cog-engine.js';
import { MAX_IMAGE_SIDE } from './cog-params.js';
import { InvalidValue, parseNumber, show } from './param.js';

const invalid = (message: string) => new AppError('InvalidParameter', message);

/** An image format from a path's extension; jp2 (which titiler has) is refused by name. */
export function parseFormat(extension: string): ImageFormat {
  if (extension === 'jp2') throw invalid(`The jp2 format is not supported by this server; use one of ${imageFormats.join(', ')}.`);
  if ((imageFormats as readonly string[]).includes(extension)) return extension as ImageFormat;
  throw invalid(`Unknown image format ${show(extension)}; use one of ${imageFormats.join(', ')}.`);
}

export interface TilePath {
  /** Absent on the deprecated routes without a TileMatrixSet. */
  tms?: string;
  z: number;
  x: number;
  y: number;
  /** 1 to 4: the tile is 256 × scale pixels. */
  scale: number;
  format?: ImageFormat;
}

/** Tile indexes beyond this are outside every TileMatrixSet; capping them keeps the arithmetic exact. */
const MAX_INDEX_DIGITS = 10;

function tileIndex(name: 'z' | 'x' | 'y', text: string): number {
  if (!/^-?\d+$/.test(text))
    throw invalid(`${name} must be a whole number (the tile's ${name === 'z' ? 'zoom level' : name === 'x' ? 'column' : 'row'}), got ${show(text)}.`);
  // Past 10 digits no TileMatrixSet has the tile; keep the sign so that the range check answers 404 as titiler does.
  const digits = text.replace('-', '');
  if (digits.length > MAX_INDEX_DIGITS) return text.startsWith('-') ? -1 : Number.MAX_SAFE_INTEGER;
  return Number(text);
}

/**
 * `{z}/{x}/{y}[@{scale}x][.{format}]` or `{tileMatrixSetId}/{z}/{x}/{y}[@{scale}x][.{format}]`: what follows
 * /tiles/ in a tile URL.
 */
export function parseTilePath(rest: string): TilePath {
  const segments = rest.split('/');
  if (segments.length !== 3 && segments.length !== 4) {
    throw invalid(`A tile path is /tiles/{tileMatrixSetId}/{z}/{x}/{y}[@{scale}x][.{format}], got /tiles/${show(rest).slice(1, -1)}.`);
  }
  const tms = segments.length === 4 ? segments[0] : undefined;
  const [zText, xText, last] = segments.slice(-3) as [string, string, string];
  const match = /^([^@.]*)(?:@([^.]*)x)?(?:\.(.*))?$/.exec(last);
  if (match === null) throw invalid(`The last part of a tile path is {y}[@{scale}x][.{format}], such as 5@2x.png; got ${show(last)}.`);
  const [, yText = '', scaleText, extension] = match;
  let scale = 1;
  if (scaleText !== undefined) {
    if (!/^\d{1,3}$/.test(scaleText) || Number(scaleText) < 1 || Number(scaleText) > 4) {
      throw invalid(`The tile scale (@{scale}x) must be 1, 2, 3 or 4, got ${show(scaleText)}.`);
    }
    scale = Number(scaleText);
  }
  if (tms !== undefined && tms === '') throw invalid('The TileMatrixSet id of a tile path is empty.');
  return {
    ...(tms === undefined ? {} : { tms }),
    z: tileIndex('z', zText),
    x: tileIndex('x', xText),
    y: tileIndex('y', yText),
    scale,
    ...(extension === undefined ? {} : { format: parseFormat(extension) }),
  };
}

function coordinate(name: string, text: string): number {
  try {
    return parseNumber(text);
  } catch (error) {
    if (error instanceof InvalidValue) throw invalid(`${name} must be a number, got ${show(text)}.`);
    throw error;
  }
}

/** `{lon},{lat}` of /point. */
export function parsePointPath(text: string): { lon: number; lat: number } {
  const parts = text.split(',');
  if (parts.length !== 2) throw invalid(`A point is /point/{lon},{lat}, such as /point/-3.7,40.4; got ${show(text)}.`);
  return { lon: coordinate('lon', parts[0] as string), lat: coordinate('lat', parts[1] as string) };
}

/** `{width}x{height}.{format}`. */
export function parseSizeAndFormat(text: string): { width: number; height: number; format: ImageFormat } {
  const match = /^(\d{1,9})x(\d{1,9})\.([A-Za-z0-9]+)$/.exec(text);
  if (match === null) throw invalid(`An image size is {width}x{height}.{format}, such as 512x256.png; got ${show(text)}.`);
  const [, w, h, extension] = match as unknown as [string, string, string, string];
  const width = Number(w);
  const height = Number(h);
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (value < 1 || value > MAX_IMAGE_SIDE) throw invalid(`The ${name} must be from 1 to ${MAX_IMAGE_SIDE} pixels, got ${value}.`);
  }
  return { width, height, format: parseFormat(extension) };
}

export interface BBoxPath {
  bbox: BBox;
  width?: number;
  height?: number;
  format: ImageFormat;
}

/** `{minx},{miny},{maxx},{maxy}.{format}` or `{minx},{miny},{maxx},{maxy}/{width}x{height}.{format}`: what follows /bbox/. */
export function parseBBoxPath(rest: string): BBoxPath {
  const slash = rest.indexOf('/');
  const head = slash === -1 ? rest : rest.slice(0, slash);
  let bboxText = head;
  let size: { width: number; height: number; format: ImageFormat } | undefined;
  let format: ImageFormat;
  if (slash === -1) {
    const dot = head.lastIndexOf('.');
    // A bbox has decimal points of its own: the format is what follows the last one, when it is not a number.
    if (dot === -1 || /^\d*$/.test(head.slice(dot + 1))) {
      throw invalid('A bbox path ends with the image format: /bbox/{minx},{miny},{maxx},{maxy}.{format}, such as /bbox/0,40,10,50.png.');
    }
    bboxText = head.slice(0, dot);
    format = parseFormat(head.slice(dot + 1));
  } else {
    size = parseSizeAndFormat(rest.slice(slash + 1));
    format = size.format;
  }
  const parts = bboxText.split(',');
  if (parts.length !== 4) throw invalid(`A bbox is four numbers, minx,miny,maxx,maxy; got ${show(bboxText)}.`);
  const [minx, miny, maxx, maxy] = (['minx', 'miny', 'maxx', 'maxy'] as const).map((name, i) => coordinate(name, parts[i] as string)) as [
    number,
    number,
    number,
    number,
  ];
  if (minx >= maxx || miny >= maxy) throw invalid(`A bbox needs minx < maxx and miny < maxy; got ${minx},${miny},${maxx},${maxy}.`);
  return { bbox: [minx, miny, maxx, maxy], ...(size === undefined ? {} : { width: size.width, height: size.height }), format };
}
