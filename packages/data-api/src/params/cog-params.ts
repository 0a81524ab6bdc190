// The query parameters of the /cog routes, as titiler 0.18 names them, grouped as titiler groups them (layer,
// dataset, render, tile, image size, statistics). Each group is one zod object: the routes parse the query with
// it, and the OpenAPI document is generated from it.
import { z } from 'zod';
import { imageFormats, resamplingMethods, warpResamplingMethods } from '../cog-engine.js';
import { parseCrs } from './crs-param.js';
import { InvalidValue, integerIn, numberList, oneOf, optional, parseBoolean, parseNumber, repeated, required, show, withDefault } from './param.js';

/** Output images are at most this many pixels a side (previews, crops, statistics). */
export const MAX_IMAGE_SIDE = 4096;
/** Largest tile edge, with `tilesize` or 256 × scale. */
export const MAX_TILE_SIZE = 1024;
export const MAX_BUFFER = 128;
export const MAX_PADDING = 128;
export const MAX_BAND_INDEX = 65535;
/** Histogram bins: a count, or edges. */
export const MAX_HISTOGRAM_BINS = 1024;
export const MAX_ZOOM = 30;

const MAX_URL_LENGTH = 4096;

function parseUrl(text: string): string {
  const url = text.trim();
  if (url === '') throw new InvalidValue('give the https URL or the local path of a COG');
  if (url.length > MAX_URL_LENGTH) throw new InvalidValue(`longer than ${MAX_URL_LENGTH} characters`);
  return url;
}

function parseBandIndexes(text: string): number[] {
  const parts = text.split(',');
  return parts.map((part) => {
    const trimmed = part.trim();
    if (!/^\d{1,6}$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > MAX_BAND_INDEX) {
      throw new InvalidValue(
        `band indexes are whole numbers from 1 (bidx=1&bidx=2), got ${show(part)}${/[a-z(]/i.test(part) ? '; band math is not supported in bidx' : ''}`,
      );
    }
    return Number(trimmed);
  });
}

/** titiler's nodata: a number, nan, inf or -inf. */
export function parseNodata(text: string): number {
  const lower = text.trim().toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Number.POSITIVE_INFINITY;
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  try {
    return parseNumber(text);
  } catch {
    throw new InvalidValue(`expected a number, nan, inf or -inf, got ${show(text)}`);
  }
}

/** A `min,max` pair, min below or equal to max. */
function parseRange(what: string) {
  return (text: string): [number, number] => {
    const values = numberList(text, `${what} as min,max`);
    const [min, max] = values;
    if (values.length !== 2 || min === undefined || max === undefined) throw new InvalidValue(`expected ${what} as min,max, got ${show(text)}`);
    if (min > max) throw new InvalidValue(`the minimum ${min} is above the maximum ${max}`);
    return [min, max];
  };
}

function parseBuffer(text: string): number {
  const value = parseNumber(text, 'a number of pixels');
  if (value < 0 || value > MAX_BUFFER || !Number.isInteger(value * 2)) {
    throw new InvalidValue(`expected a multiple of 0.5 from 0 to ${MAX_BUFFER} (pixels added on each side), got ${show(text)}`);
  }
  return value;
}

function parseHistogramBins(text: string): number | number[] {
  if (!text.includes(',')) return integerIn(1, MAX_HISTOGRAM_BINS, 'a number of bins')(text);
  const edges = numberList(text, 'bin edges');
  if (edges.length > MAX_HISTOGRAM_BINS + 1) throw new InvalidValue(`at most ${MAX_HISTOGRAM_BINS + 1} bin edges`);
  for (let i = 1; i < edges.length; i++) {
    if ((edges[i] as number) <= (edges[i - 1] as number)) throw new InvalidValue(`bin edges must increase, got ${show(text)}`);
  }
  return edges;
}

const resampling = oneOf(resamplingMethods);
const reproject = oneOf(warpResamplingMethods);
const imageFormat = (text: string) => {
  if (text === 'jp2') throw new InvalidValue(`jp2 is not supported by this server; use one of ${imageFormats.join(', ')}`);
  return oneOf(imageFormats)(text);
};

export const sourceQuery = z.looseObject({
  url: required('URL of the COG: https://... (of an allowed host) or a local path (under an allowed folder)', parseUrl),
});

export const layerQuery = z.looseObject({
  bidx: repeated('Band indexes, from 1; repeat for several bands (bidx=1&bidx=2) or separate by commas. Default: every band but alpha', parseBandIndexes),
});

export const datasetQuery = z.looseObject({
  nodata: optional("Nodata value replacing the dataset's: a number, nan, inf or -inf", parseNodata),
  unscale: withDefault("Apply the bands' scale and offset (the result is float32). Default false", parseBoolean, false),
  resampling: withDefault(`Resampling when reading a level at another size: ${resamplingMethods.join(', ')}. Default nearest`, resampling, 'nearest'),
  reproject: withDefault(`Resampling when reprojecting: ${warpResamplingMethods.join(', ')}. Default nearest`, reproject, 'nearest'),
});

export const renderQuery = z.looseObject({
  rescale: repeated('min,max: stretch a band linearly to 0..255; repeat once per band (or once for all)', parseRange('rescale')),
  return_mask: withDefault('Write the mask as an alpha channel. Default true', parseBoolean, true),
});

export const tileQuery = z.looseObject({
  buffer: withDefault(`Pixels added on each side of the tile, a multiple of 0.5 up to ${MAX_BUFFER} (0.5 makes 257 × 257). Default 0`, parseBuffer, 0),
  padding: withDefault(`Pixels read beyond each edge against resampling artefacts, 0 to ${MAX_PADDING}. Default 0`, integerIn(0, MAX_PADDING), 0),
  tilesize: optional(`Tile size in pixels, 1 to ${MAX_TILE_SIZE}; replaces 256 × scale`, integerIn(1, MAX_TILE_SIZE, 'a tile size in pixels')),
});

/** tilejson.json, WMTSCapabilities.xml and map: the tile URL they describe. */
export const tilesetQuery = z.looseObject({
  tile_format: optional(`Format of the tiles: ${imageFormats.join(', ')}. Default: JPEG where no pixel is masked, else PNG (WMTS: png)`, imageFormat),
  tile_scale: withDefault('Tile size scale, 1 to 4: 1 = 256 × 256, 2 = 512 × 512... Default 1', integerIn(1, 4, 'a scale'), 1),
  minzoom: optional(`Lowest zoom, 0 to ${MAX_ZOOM} (default: the dataset's)`, integerIn(0, MAX_ZOOM, 'a zoom level')),
  maxzoom: optional(`Highest zoom, 0 to ${MAX_ZOOM} (default: the dataset's)`, integerIn(0, MAX_ZOOM, 'a zoom level')),
});

export const wmtsQuery = z.looseObject({
  use_epsg: withDefault('Write the CRS as EPSG:code rather than a URI (for ArcMap). Default false', parseBoolean, false),
});

const side = (what: string) => integerIn(1, MAX_IMAGE_SIDE, what);

/** max_size defaults to 1024 on /preview and /statistics, and to none on /bbox and /feature (as titiler). */
export function imageSizeQuery(defaultMaxSize: number | undefined) {
  const maxSize = `Longest side of the image read, 1 to ${MAX_IMAGE_SIDE}${defaultMaxSize === undefined ? '' : `. Default ${defaultMaxSize}`}`;
  return z.looseObject({
    max_size: optional(maxSize, side('a size in pixels')),
    width: optional(`Output width in pixels, 1 to ${MAX_IMAGE_SIDE}`, side('a width in pixels')),
    height: optional(`Output height in pixels, 1 to ${MAX_IMAGE_SIDE}`, side('a height in pixels')),
  });
}

export const dstCrsQuery = z.looseObject({
  dst_crs: optional("CRS of the output image: EPSG:code or an OGC CRS URI. Default: the dataset's", parseCrs),
});

export const coordCrsQuery = z.looseObject({
  coord_crs: optional('CRS of the coordinates given: EPSG:code or an OGC CRS URI. Default: longitude, latitude (CRS84)', parseCrs),
});

export const statisticsQuery = z.looseObject({
  categorical: withDefault('Count pixels per value instead of continuous statistics. Default false', parseBoolean, false),
  c: repeated('With categorical: the values to count (repeat: c=1&c=2)', (text) => parseNumber(text, 'a pixel value')),
  p: repeated('Percentiles to report, 0 to 100 (repeat: p=2&p=98). Default 2 and 98', integerIn(0, 100, 'a percentile')),
  histogram_bins: optional(
    `A number of equal-width bins (1 to ${MAX_HISTOGRAM_BINS}, default 10), or increasing bin edges separated by commas`,
    parseHistogramBins,
  ),
  histogram_range: optional("min,max: the range of the histogram (default: the data's)", parseRange('histogram_range')),
});

/**
 * titiler parameters this server does not implement yet. They change the pixels, so they are refused with a
 * 400 rather than ignored.
 */
export const unsupportedParams = ['expression', 'algorithm', 'algorithm_params', 'colormap_name', 'colormap', 'color_formula'] as const;
