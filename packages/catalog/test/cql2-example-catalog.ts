import type { Database } from '../src/database/database.js';
import { loadCollections } from '../src/ingest/load-collections.js';
import { loadItems } from '../src/ingest/load-items.js';
import type { SourceRecord } from '../src/ingest/read-records.js';
import type { JsonObject } from '../src/stac/dehydrate.js';
import { makeCollection } from './fixtures.js';

/**
 * A small catalog for checking CQL2 filters against, in three collections after the data of the OGC CQL2
 * standard's examples: `town` (buildings: floors, taxes, pools, owners, build dates), `scenes` (satellite scenes:
 * cloud cover, WRS path and row, instrument arrays, a nested object) and `events` (items with only start and
 * end datetimes, a nullable value, names for LIKE). Every item has a geometry of a different kind or place.
 *
 * Some values are stored in another JSON type than their queryable says, on purpose: t6's floors "12", taxes
 * "300" and swimming_pool "true", and s4's landsat:wrs_row "28". Without a property_wrapper such a value is not
 * of its queryable's type and matches nothing; with one (taxes: to_float, landsat:wrs_row: to_int) it is read.
 */

type Position = [number, number];
const point = (x: number, y: number) => ({ type: 'Point', coordinates: [x, y] });
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const line = (...coordinates: Position[]) => ({ type: 'LineString', coordinates });

/** West, south, east, north of a geometry's coordinates. */
function bboxOf(geometry: JsonObject): number[] {
  const xs: number[] = [];
  const ys: number[] = [];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      xs.push(c[0]);
      ys.push(c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit(geometry.coordinates);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function item(
  collection: string,
  id: string,
  geometry: JsonObject,
  when: { datetime: string } | { start: string; end: string },
  properties: JsonObject,
): JsonObject {
  const time = 'datetime' in when ? { datetime: when.datetime } : { datetime: null, start_datetime: when.start, end_datetime: when.end };
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    id,
    collection,
    geometry,
    bbox: bboxOf(geometry),
    properties: { ...time, ...properties },
    links: [],
    assets: {},
  };
}

const at = (datetime: string) => ({ datetime });

export const TOWN = ['t1', 't2', 't3', 't4', 't5', 't6'] as const;
export const SCENES = ['s1', 's2', 's3', 's4', 's5'] as const;
export const EVENTS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'] as const;
export const ALL_IDS: readonly string[] = [...TOWN, ...SCENES, ...EVENTS];

/** t1, t2 and t6 lie within BBOX(-118, 33.8, -117.9, 34); t3 and t5 cross its edge; t4 is at (10 10). */
const town: JsonObject[] = [
  item('town', 't1', point(-117.95, 33.9), at('2021-03-01T10:00:00Z'), {
    floors: 3,
    taxes: 400,
    swimming_pool: true,
    material: 'brick',
    owner: 'Mike Jones',
    built: '2010-05-01',
    city: 'Toronto',
    road_class: 'Straße',
    etat_vol: 'débarquer',
    location: point(-117.95, 33.9),
  }),
  item('town', 't2', box(-117.99, 33.85, -117.95, 33.95), at('2021-03-02T10:00:00Z'), {
    floors: 10,
    taxes: 1200,
    swimming_pool: false,
    material: 'brick',
    owner: 'mike smith',
    built: '2016-03-15',
    city: 'Frankfurt',
    road_class: 'STRASSE',
    etat_vol: 'debarquer',
    location: point(0, 0),
  }),
  item('town', 't3', box(-117.92, 33.95, -117.85, 34.05), at('2021-03-03T10:00:00Z'), {
    floors: 6,
    taxes: 500,
    swimming_pool: true,
    material: 'red brick',
    owner: 'Jane Jones',
    built: '2012-06-05',
    city: 'Tokyo',
    road_class: 'highway',
    etat_vol: 'embarqué',
  }),
  item('town', 't4', point(10, 10), at('2021-03-04T10:00:00Z'), {
    floors: 2,
    taxes: 250.5,
    swimming_pool: false,
    material: 'stone',
    owner: 'Beyoncé',
    built: '2001-01-01',
    city: 'New York',
    road_class: 'οΔος',
  }),
  item(
    'town',
    't5',
    {
      type: 'MultiPoint',
      coordinates: [
        [-117.95, 33.82],
        [5, 0],
      ],
    },
    at('2021-03-05T10:00:00Z'),
    { taxes: 900, swimming_pool: true, material: 'wood', owner: 'somebody else', built: '2015-01-01', city: 'Berlin' },
  ),
  item('town', 't6', line([-117.97, 33.81], [-117.91, 33.99]), at('2021-03-06T10:00:00Z'), {
    floors: '12',
    taxes: '300',
    swimming_pool: 'true',
    material: 'brickwork',
    owner: 'Mike Brown',
    built: 'unknown',
    location: 'nowhere',
  }),
];

/** Around Toronto (s1, s2, s4, s5) and in Kansas (s3). */
const scenes: JsonObject[] = [
  item('scenes', 's1', box(-79.5, 43.6, -79.3, 43.7), at('2021-05-01T12:00:00Z'), {
    'landsat:scene_id': 'LC08_A',
    'eo:instrument': 'OLI_TIRS',
    'eo:cloud_cover': 0.05,
    'landsat:wrs_row': 28,
    'landsat:wrs_path': '203',
    instruments: ['oli', 'tirs'],
    'layer:ids': ['layers-ca', 'layers-us'],
    sat: { orbit: { relative: 12, state: 'ascending' } },
  }),
  item('scenes', 's2', box(-78.5, 43.5, -78.3, 43.7), at('2021-05-02T12:00:00Z'), {
    'landsat:scene_id': 'LC08_B',
    'eo:instrument': 'OLI',
    'eo:cloud_cover': 0.1,
    'landsat:wrs_row': 28,
    'landsat:wrs_path': '203',
    instruments: ['oli'],
    'layer:ids': ['layers-ca'],
    sat: { orbit: { relative: 7, state: 'descending' } },
  }),
  item('scenes', 's3', box(-100, 40, -99.8, 40.2), at('2021-05-03T12:00:00Z'), {
    'landsat:scene_id': 'LE07_C',
    'eo:instrument': 'ETM',
    'eo:cloud_cover': 0.2,
    'landsat:wrs_row': 29,
    'landsat:wrs_path': '153',
    instruments: ['etm'],
    'layer:ids': ['layers-us', 'layers-mx'],
  }),
  item('scenes', 's4', box(-79.5, 43.5, -79.4, 43.62), at('2021-05-04T12:00:00Z'), {
    'landsat:scene_id': 'LC08_D',
    'eo:instrument': 'OLI_TIRS',
    'eo:cloud_cover': 0.15,
    'landsat:wrs_row': '28',
    'landsat:wrs_path': '203',
    instruments: [],
    'layer:ids': ['layers-eu'],
  }),
  item('scenes', 's5', box(-79.2, 43.4, -78.8, 43.6), at('2021-06-01T12:00:00Z'), {
    'landsat:scene_id': 'LC09_E',
    'eo:instrument': 'OLI',
    'eo:cloud_cover': 0.9,
    'landsat:wrs_row': 30,
    'landsat:wrs_path': '15X',
    instruments: ['oli', 'tirs', 'pan'],
    'layer:ids': ['layers-us', 'layers-ca', 'layers-eu'],
  }),
];

/** Mostly intervals around 2017-06-10; e4 in July 1969, e5 an instant, e6 from 2010 to 2015. */
const events: JsonObject[] = [
  item(
    'events',
    'e1',
    point(0, 50),
    { start: '2017-06-10T08:00:00Z', end: '2017-06-11T09:00:00Z' },
    { value: 15, name: 'foobar', event_time: '2017-06-10T09:00:00Z' },
  ),
  item('events', 'e2', point(1, 50), { start: '2017-06-10T07:30:00Z', end: '2017-06-12T00:00:00Z' }, { value: 5, name: 'Foo' }),
  item('events', 'e3', point(179.5, -15), { start: '2017-06-01T00:00:00Z', end: '2017-06-10T07:30:00Z' }, { value: 25, name: 'bar' }),
  item(
    'events',
    'e4',
    point(23.47, 0.67),
    { start: '1969-07-16T13:32:00Z', end: '1969-07-24T16:50:35Z' },
    { value: null, name: 'apollo', event_time: '1969-07-20T20:17:40Z', touchdown: '1969-07-20T20:17:40Z', liftOff: '1969-07-21T17:54:00Z' },
  ),
  item('events', 'e5', line([0, 51], [1, 52]), at('2017-06-11T10:30:00Z'), { value: 20, name: 'food' }),
  item('events', 'e6', box(2, 50, 2.5, 50.5), { start: '2010-02-10T00:00:00Z', end: '2015-01-01T00:00:00Z' }, { value: 10, name: 'foo%bar' }),
  item(
    'events',
    'e7',
    {
      type: 'MultiLineString',
      coordinates: [
        [
          [3, 50],
          [3, 51],
        ],
        [
          [4, 50],
          [4, 51],
        ],
      ],
    },
    { start: '2017-06-09T00:00:00Z', end: '2017-06-10T12:00:00Z' },
    { name: 'fo' },
  ),
];

/** Configured queryables: name, collections (null: all), JSON Schema, property_wrapper. */
export const EXAMPLE_QUERYABLES: readonly [string, string[] | null, JsonObject, string | null][] = [
  ['floors', null, { type: 'integer' }, null],
  ['taxes', ['town'], { type: 'number' }, 'to_float'],
  ['swimming_pool', ['town'], { type: 'boolean' }, null],
  ['built', ['town'], { type: 'string', format: 'date' }, null],
  ['owner', ['town'], { type: 'string' }, null],
  ['location', ['town'], { $ref: 'https://geojson.org/schema/Point.json' }, null],
  ['eo:cloud_cover', ['scenes'], { type: 'number', minimum: 0, maximum: 1 }, null],
  ['landsat:wrs_path', ['scenes'], { type: 'string' }, null],
  ['landsat:wrs_row', ['scenes'], { type: 'integer' }, 'to_int'],
  ['value', ['events'], { type: ['number', 'null'] }, null],
  ['name', ['events'], { type: 'string' }, null],
  ['event_time', ['events'], { type: 'string', format: 'date-time' }, null],
];

async function* records(values: readonly unknown[]): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const value of values) yield { file: 'cql2-example-catalog', line: ++line, value };
}

/** Loads the three collections, their 18 items and the queryables into a migrated, empty catalog. */
export async function loadExampleCatalog(db: Database): Promise<void> {
  await loadCollections(db, records([makeCollection('town'), makeCollection('scenes'), makeCollection('events')]), { method: 'upsert' });
  const rejects: unknown[] = [];
  const summary = await loadItems(db, records([...town, ...scenes, ...events]), { method: 'insert', batchSize: 100, onReject: (r) => rejects.push(r) });
  if (summary.loaded !== ALL_IDS.length) throw new Error(`the example catalog did not load: ${JSON.stringify(rejects)}`);
  for (const [name, collections, definition, wrapper] of EXAMPLE_QUERYABLES) {
    await db.query('INSERT INTO pqe.queryables (name, collection_ids, definition, property_wrapper) VALUES ($1, $2::text[], $3::text::jsonb, $4)', [
      name,
      collections,
      JSON.stringify(definition),
      wrapper,
    ]);
  }
}
