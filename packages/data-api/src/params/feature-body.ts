// The GeoJSON body of POST /cog/feature: a Feature whose geometry is a Polygon or MultiPolygon, with finite
// coordinates and a bounded number of positions (the mask is rasterized from every one of them).
import { z } from 'zod';
import type { PolygonFeature } from '../cog-engine.js';

export const MAX_FEATURE_POSITIONS = 100_000;

const position = z
  .array(z.number().refine(Number.isFinite, 'a coordinate must be a finite number'))
  .min(2, 'a position has 2 or 3 coordinates')
  .max(3, 'a position has 2 or 3 coordinates');
const ring = z.array(position).min(4, 'a polygon ring has at least 4 positions, the last equal to the first');
const polygon = z.array(ring).min(1, 'a polygon has at least one ring');

const geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1, 'a MultiPolygon has at least one polygon') }),
  ],
  { error: 'the geometry must be a GeoJSON Polygon or MultiPolygon' },
);

export const featureBody = z
  .looseObject({
    type: z.literal('Feature', { error: 'the body must be a GeoJSON Feature ({"type": "Feature", "geometry": {...}, "properties": {}})' }),
    geometry,
    properties: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .describe('A GeoJSON Feature with a Polygon or MultiPolygon geometry, in coord_crs (default CRS84)');

function countPositions(feature: z.infer<typeof featureBody>): number {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  let count = 0;
  for (const rings of polygons) for (const r of rings) count += r.length;
  return count;
}

/** Reads the body; a ZodError (400) says what is wrong with it. */
export function parseFeatureBody(body: unknown): PolygonFeature {
  const feature = featureBody
    .refine((f) => countPositions(f) <= MAX_FEATURE_POSITIONS, `the geometry has more than ${MAX_FEATURE_POSITIONS} positions; simplify it`)
    .parse(body);
  return {
    type: 'Feature',
    geometry: feature.geometry,
    ...(feature.properties === undefined ? {} : { properties: feature.properties }),
  };
}
