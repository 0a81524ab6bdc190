import type { JsonObject } from '../stac/dehydrate.js';

/** A position in degrees. Longitude may run past 180 while a footprint is built ("unwrapped"). */
export type LonLat = [lon: number, lat: number];

/** [west, south, east, north] in degrees; west > east when the box crosses the antimeridian. */
export type Bbox = [number, number, number, number];

export interface Footprint {
  /** A GeoJSON Polygon, or a MultiPolygon split at ±180° for a footprint that crosses the antimeridian. */
  geometry: JsonObject;
  bbox: Bbox;
}

const KM_PER_DEGREE = 111.32;

/** Six decimals of a degree is about 10 cm: finer than any of these footprints is accurate. */
export function roundDegrees(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The middle of a bbox as [lat, lon], the order render configs use; a bbox that crosses 180° is read as one. */
export function bboxCentre(bbox: Bbox): [number, number] {
  const [west, south, east, north] = bbox;
  let lon = (west + (east < west ? east + 360 : east)) / 2;
  if (lon > 180) lon -= 360;
  return [roundDegrees((south + north) / 2), roundDegrees(lon)];
}

/**
 * The point `eastKm` and `northKm` away from `origin`, on a sphere, in a plane tangent at the origin: good to a
 * fraction of a percent over the few hundred km of a scene, which is all these invented footprints need.
 */
export function offsetKm(origin: LonLat, eastKm: number, northKm: number): LonLat {
  const cosLat = Math.cos((origin[1] * Math.PI) / 180);
  return [origin[0] + eastKm / (KM_PER_DEGREE * cosLat), origin[1] + northKm / KM_PER_DEGREE];
}

/** Moves `distanceKm` from `origin` along a heading in degrees clockwise from north. */
export function moveKm(origin: LonLat, distanceKm: number, headingDeg: number): LonLat {
  const heading = (headingDeg * Math.PI) / 180;
  return offsetKm(origin, distanceKm * Math.sin(heading), distanceKm * Math.cos(heading));
}

/**
 * A square scene of `sideKm` centred on `centre`, turned to a heading in degrees clockwise from north, as an open
 * counter-clockwise ring (RFC 7946 wants exterior rings counter-clockwise).
 */
export function rotatedSquare(centre: LonLat, sideKm: number, headingDeg: number): LonLat[] {
  const half = sideKm / 2;
  const heading = (headingDeg * Math.PI) / 180;
  const corners: [number, number][] = [
    [-half, -half],
    [half, -half],
    [half, half],
    [-half, half],
  ];
  return corners.map(([east, north]) =>
    offsetKm(centre, east * Math.cos(heading) + north * Math.sin(heading), -east * Math.sin(heading) + north * Math.cos(heading)),
  );
}

/**
 * A radar swath: a strip `lengthKm` long and `widthKm` wide along a heading, with a vertex every `segments`-th of
 * its length on both long sides (as real swath footprints have), as an open counter-clockwise ring.
 */
export function swathRing(centre: LonLat, lengthKm: number, widthKm: number, headingDeg: number, segments: number): LonLat[] {
  const heading = (headingDeg * Math.PI) / 180;
  // Unit vector to the right of the direction of flight, in (east, north) km.
  const rightEast = Math.cos(heading);
  const rightNorth = -Math.sin(heading);
  const right: LonLat[] = [];
  const left: LonLat[] = [];
  for (let i = 0; i <= segments; i++) {
    const onTrack = moveKm(centre, -lengthKm / 2 + (lengthKm * i) / segments, headingDeg);
    right.push(offsetKm(onTrack, (rightEast * widthKm) / 2, (rightNorth * widthKm) / 2));
    left.push(offsetKm(onTrack, (-rightEast * widthKm) / 2, (-rightNorth * widthKm) / 2));
  }
  return [...right, ...left.reverse()];
}

/** Keeps the part of an open ring west (or east) of the 180° meridian: one Sutherland–Hodgman clipping step. */
function clipAt180(ring: readonly LonLat[], keepWest: boolean): LonLat[] {
  const inside = (p: LonLat): boolean => (keepWest ? p[0] <= 180 : p[0] >= 180);
  const crossing = (a: LonLat, b: LonLat): LonLat => [180, a[1] + ((180 - a[0]) / (b[0] - a[0])) * (b[1] - a[1])];
  const out: LonLat[] = [];
  ring.forEach((current, i) => {
    const previous = ring[(i + ring.length - 1) % ring.length] as LonLat;
    if (inside(current)) {
      if (!inside(previous)) out.push(crossing(previous, current));
      out.push(current);
    } else if (inside(previous)) {
      out.push(crossing(previous, current));
    }
  });
  return out;
}

/** Rounds an open ring, drops the repeats rounding makes, and closes it; undefined when too little is left. */
function closedRing(ring: readonly LonLat[], lonShift: number): number[][] | undefined {
  const out: number[][] = [];
  for (const [lon, lat] of ring) {
    const position = [roundDegrees(lon + lonShift), roundDegrees(lat)];
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== position[0] || last[1] !== position[1]) out.push(position);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]) out.pop();
  if (out.length < 3) return undefined;
  out.push([...(out[0] as number[])]);
  return out;
}

function boundsOf(rings: readonly number[][][]): Bbox {
  const lons = rings.flatMap((ring) => ring.map((p) => p[0] as number));
  const lats = rings.flatMap((ring) => ring.map((p) => p[1] as number));
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/**
 * The GeoJSON footprint and bbox of an open ring whose longitudes may run past ±180°. A ring that crosses the
 * antimeridian becomes a MultiPolygon with one part ending at 180 and one starting at -180, and its bbox has
 * west > east, as RFC 7946 and the STAC spec ask.
 */
export function footprintOf(ring: readonly LonLat[]): Footprint {
  const lons = ring.map((p) => p[0]);
  const shift = Math.min(...lons) < -180 ? 360 : 0;
  const shifted = ring.map(([lon, lat]): LonLat => [lon + shift, lat]);
  const west = Math.min(...lons) + shift;
  const east = Math.max(...lons) + shift;
  if (east <= 180 || west >= 180) {
    const exterior = closedRing(shifted, west >= 180 ? -360 : 0);
    if (exterior === undefined) throw new RangeError('a footprint needs at least three distinct corners');
    return { geometry: { type: 'Polygon', coordinates: [exterior] }, bbox: boundsOf([exterior]) };
  }
  const westPart = closedRing(clipAt180(shifted, true), 0);
  const eastPart = closedRing(clipAt180(shifted, false), -360);
  if (westPart === undefined || eastPart === undefined) {
    // The ring only touches 180°: what is left on the far side is a line, not an area.
    const part = (westPart ?? eastPart) as number[][];
    return { geometry: { type: 'Polygon', coordinates: [part] }, bbox: boundsOf([part]) };
  }
  const westBounds = boundsOf([westPart]);
  const eastBounds = boundsOf([eastPart]);
  return {
    geometry: { type: 'MultiPolygon', coordinates: [[westPart], [eastPart]] },
    bbox: [westBounds[0], Math.min(westBounds[1], eastBounds[1]), eastBounds[2], Math.max(westBounds[3], eastBounds[3])],
  };
}
