import type { Json, JsonObject } from '../stac/dehydrate.js';
import type { Bbox } from './footprints.js';

function propertiesOf(item: JsonObject): JsonObject {
  return item.properties as JsonObject;
}

function bboxOf(item: JsonObject): Bbox {
  return item.bbox as Bbox;
}

/**
 * A bbox as a longitude range in 0..540, where the antimeridian is 180 and does not break a range; undefined for
 * one that spans 0°, which this frame cannot hold.
 */
function pacificRange(bbox: Bbox): [number, number] | undefined {
  const [west, , east] = bbox;
  if (west > east) return [west, east + 360];
  if (west >= 0) return [west, east];
  if (east <= 0) return [west + 360, east + 360];
  return undefined;
}

/**
 * The tightest box around item bboxes: read in longitudes -180..180, unless reading them around the antimeridian
 * gives a narrower one, which is then written crossing it (west > east), as the STAC spec asks.
 */
export function spatialExtentOf(bboxes: readonly Bbox[]): Bbox {
  const south = Math.min(...bboxes.map((b) => b[1]));
  const north = Math.max(...bboxes.map((b) => b[3]));
  const plain = bboxes.every((b) => b[0] <= b[2]) ? ([Math.min(...bboxes.map((b) => b[0])), Math.max(...bboxes.map((b) => b[2]))] as const) : undefined;
  const ranges = bboxes.map(pacificRange);
  const pacific = ranges.every((r): r is [number, number] => r !== undefined)
    ? ([Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))] as const)
    : undefined;
  const width = (range: readonly [number, number] | undefined): number => (range === undefined ? Number.POSITIVE_INFINITY : range[1] - range[0]);
  if (pacific !== undefined && width(pacific) < width(plain)) {
    const back = (lon: number): number => (lon > 180 ? lon - 360 : lon);
    return [back(pacific[0]), south, back(pacific[1]), north];
  }
  if (plain !== undefined) return [plain[0], south, plain[1], north];
  return [-180, south, 180, north];
}

/** The first instant and the last of the items: start_datetime or datetime, and end_datetime or datetime. */
export function temporalExtentOf(items: readonly JsonObject[]): [string, string] {
  let first: string | undefined;
  let last: string | undefined;
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const p = propertiesOf(item);
    const start = (p.start_datetime ?? p.datetime) as string;
    const end = (p.end_datetime ?? p.datetime) as string;
    if (Date.parse(start) < firstMs) [first, firstMs] = [start, Date.parse(start)];
    if (Date.parse(end) > lastMs) [last, lastMs] = [end, Date.parse(end)];
  }
  if (first === undefined || last === undefined) throw new RangeError('an extent needs at least one item');
  return [first, last];
}

/** A STAC Collection `extent` that covers the items. */
export function extentOf(items: readonly JsonObject[]): JsonObject {
  return {
    spatial: { bbox: [spatialExtentOf(items.map(bboxOf))] },
    temporal: { interval: [temporalExtentOf(items)] },
  };
}

/** The distinct values of a property over the items, sorted, for `summaries`. */
export function distinctValues(items: readonly JsonObject[], property: string): Json[] {
  const values = new Map<string, Json>();
  for (const item of items) {
    const value = propertiesOf(item)[property];
    if (value !== undefined) values.set(JSON.stringify(value), value);
  }
  const order = (a: Json, b: Json): number => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...values.values()].sort(order);
}

/** The range of a numeric property over the items, as a `summaries` range object. */
export function rangeOf(items: readonly JsonObject[], property: string): JsonObject {
  const values = items.map((item) => propertiesOf(item)[property]).filter((v): v is number => typeof v === 'number');
  return { minimum: Math.min(...values), maximum: Math.max(...values) };
}
