import type { Queryable } from '../database/database.js';
import { pgTimestampToIso } from '../stac/datetime.js';
import type { Json, JsonObject } from '../stac/dehydrate.js';

interface ExtentRow {
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
  start: string | null;
  end: string | null;
}

type Bbox = [number, number, number, number];

/**
 * The tightest bbox of the items, crossing the antimeridian (minx > maxx, as STAC allows) when the items lie on
 * both sides of it with a gap around the prime meridian that is wider than the gap around 180°.
 */
async function spatialExtent(db: Queryable, collection: string, overall: Bbox, signal?: AbortSignal): Promise<Bbox> {
  if (overall[2] - overall[0] <= 180) return overall;
  const { rows } = await db.query<{ wmax: number | null; emin: number | null }>(
    `SELECT max(ST_XMax(ST_ClipByBox2D(geometry, ST_MakeEnvelope(-180, -90, 0, 90, 4326)))) AS wmax,
            min(ST_XMin(ST_ClipByBox2D(geometry, ST_MakeEnvelope(0, -90, 180, 90, 4326)))) AS emin
       FROM pqe.items
      WHERE collection = $1`,
    [collection],
    { signal },
  );
  const wmax = rows[0]?.wmax;
  const emin = rows[0]?.emin;
  if (wmax === null || wmax === undefined || emin === null || emin === undefined || wmax >= emin) return overall;
  const width = 180 - emin + (wmax + 180);
  return width < overall[2] - overall[0] ? [emin, overall[1], wmax, overall[3]] : overall;
}

/**
 * Recomputes a collection's spatial and temporal extent from its items and writes them as the first bbox and
 * interval of its `extent` (further sub-extents the publisher gave are kept). Leaves an empty collection as is.
 */
export async function refreshCollectionExtent(db: Queryable, collection: string, signal?: AbortSignal): Promise<JsonObject | undefined> {
  const { rows } = await db.query<ExtentRow>(
    `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax, s AS start, f AS "end"
       FROM (SELECT ST_Extent(geometry)::geometry AS e, min(datetime) AS s, max(end_datetime) AS f
               FROM pqe.items WHERE collection = $1) AS agg`,
    [collection],
    { signal },
  );
  const row = rows[0];
  if (row === undefined || row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null || row.start === null || row.end === null) {
    return undefined;
  }
  const bbox = await spatialExtent(db, collection, [row.xmin, row.ymin, row.xmax, row.ymax], signal);
  const interval = [pgTimestampToIso(row.start), pgTimestampToIso(row.end)];
  const { rows: current } = await db.query<{ extent: JsonObject | null }>(
    "SELECT content->'extent' AS extent FROM pqe.collections WHERE id = $1",
    [collection],
    {
      signal,
    },
  );
  const old = current[0]?.extent ?? {};
  const oldSpatial = (old.spatial as JsonObject | undefined) ?? {};
  const oldTemporal = (old.temporal as JsonObject | undefined) ?? {};
  const restBboxes = Array.isArray(oldSpatial.bbox) ? oldSpatial.bbox.slice(1) : [];
  const restIntervals = Array.isArray(oldTemporal.interval) ? oldTemporal.interval.slice(1) : [];
  const extent: JsonObject = {
    ...old,
    spatial: { ...oldSpatial, bbox: [bbox as Json[], ...restBboxes] },
    temporal: { ...oldTemporal, interval: [interval, ...restIntervals] },
  };
  await db.query(
    `UPDATE pqe.collections SET content = jsonb_set(content, '{extent}', $2::text::jsonb), updated_at = now()
      WHERE id = $1 AND content->'extent' IS DISTINCT FROM $2::text::jsonb`,
    [collection, JSON.stringify(extent)],
    { signal },
  );
  return extent;
}
