import { ALL_IDS, EVENTS, SCENES, TOWN } from './cql2-example-catalog.js';

/**
 * Filters after the OGC CQL2 standard's examples (clauses 6 and 7 and its annex of examples), written for the
 * catalog of cql2-example-catalog.ts, each in both encodings with the items it must find there. The expected ids
 * are worked out by hand from that catalog; comments say why where it is not plain.
 */
export interface ExampleCase {
  /** What the case shows, and the standard's example it follows. */
  name: string;
  text: string;
  json: unknown;
  ids: readonly string[];
}

const p = (property: string) => ({ property });
const op = (name: string, ...args: unknown[]) => ({ op: name, args });
const ts = (timestamp: string) => ({ timestamp });
const date = (value: string) => ({ date: value });
const interval = (start: unknown, end: unknown) => ({ interval: [start, end] });
const bbox = (...values: number[]) => ({ bbox: values });
const point = (x: number, y: number) => ({ type: 'Point', coordinates: [x, y] });
const ring = (...xy: number[]) => {
  const out: number[][] = [];
  for (let i = 0; i < xy.length; i += 2) out.push([xy[i] as number, xy[i + 1] as number]);
  return out;
};
const polygon = (...xy: number[]) => ({ type: 'Polygon', coordinates: [ring(...xy)] });
const except = (...ids: string[]) => ALL_IDS.filter((id) => !ids.includes(id));

const townBox = bbox(-118, 33.8, -117.9, 34);
const june10 = interval('2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z');
const june10Text = "INTERVAL('2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z')";
const itemInterval = interval(p('start_datetime'), p('end_datetime'));

const comparisons: ExampleCase[] = [
  { name: 'a string equals (example 1)', text: "landsat:scene_id = 'LC08_B'", json: op('=', p('landsat:scene_id'), 'LC08_B'), ids: ['s2'] },
  { name: 'a string equals, unquoted and without spaces (clause 6)', text: "city='Toronto'", json: op('=', p('city'), 'Toronto'), ids: ['t1'] },
  {
    // As text '10' < '5'; t6's floors is the string "12", not a number as its queryable says.
    name: 'numbers compare as numbers (example 9)',
    text: 'floors>5',
    json: op('>', p('floors'), 5),
    ids: ['t2', 't3'],
  },
  {
    // t6's taxes "300" is read as 300 by the queryable's to_float wrapper.
    name: 'less than or equal (example 10)',
    text: 'taxes <= 500',
    json: op('<=', p('taxes'), 500),
    ids: ['t1', 't3', 't4', 't6'],
  },
  { name: 'a boolean (example 14)', text: 'swimming_pool = true', json: op('=', p('swimming_pool'), true), ids: ['t1', 't3', 't5'] },
  { name: 'a boolean not equal', text: 'swimming_pool <> TRUE', json: op('<>', p('swimming_pool'), true), ids: ['t2', 't4'] },
  {
    // built is a date queryable; t3 was built on the day itself.
    name: 'a date (clause 6)',
    text: "built >= date('2012-06-05')",
    json: op('>=', p('built'), date('2012-06-05')),
    ids: ['t2', 't3', 't5'],
  },
  {
    name: 'a timestamp',
    text: "datetime >= TIMESTAMP('2021-05-03T00:00:00Z')",
    json: op('>=', p('datetime'), ts('2021-05-03T00:00:00Z')),
    ids: ['s3', 's4', 's5'],
  },
  { name: 'a property of a nested object', text: 'sat.orbit.relative > 10', json: op('>', p('sat.orbit.relative'), 10), ids: ['s1'] },
  { name: 'a property of a nested object, quoted', text: '"sat.orbit.state" = \'ascending\'', json: op('=', p('sat.orbit.state'), 'ascending'), ids: ['s1'] },
  { name: 'the geometry IS NOT NULL (clause 6)', text: 'geometry IS NOT NULL', json: op('not', op('isNull', p('geometry'))), ids: ALL_IDS },
];

const advanced: ExampleCase[] = [
  {
    name: 'LIKE with a trailing wildcard (example 2)',
    text: "eo:instrument LIKE 'OLI%'",
    json: op('like', p('eo:instrument'), 'OLI%'),
    ids: ['s1', 's2', 's4', 's5'],
  },
  { name: 'LIKE with wildcards on both ends (example 11)', text: "owner LIKE '%Jones%'", json: op('like', p('owner'), '%Jones%'), ids: ['t1', 't3'] },
  { name: 'LIKE is case-sensitive (example 12)', text: "owner LIKE 'Mike%'", json: op('like', p('owner'), 'Mike%'), ids: ['t1', 't6'] },
  {
    // Only items with an owner: for the others LIKE is unknown, and so is NOT LIKE.
    name: 'NOT LIKE (example 13)',
    text: "owner NOT LIKE '%Mike%'",
    json: op('not', op('like', p('owner'), '%Mike%')),
    ids: ['t2', 't3', 't4', 't5'],
  },
  { name: 'LIKE on a quoted property (example 35)', text: '"name" LIKE \'foo%\'', json: op('like', p('name'), 'foo%'), ids: ['e1', 'e5', 'e6'] },
  { name: 'LIKE with an escaped %', text: '"name" LIKE \'foo\\%%\'', json: op('like', p('name'), 'foo\\%%'), ids: ['e6'] },
  { name: 'LIKE with _', text: '"name" LIKE \'_oo%\'', json: op('like', p('name'), '_oo%'), ids: ['e1', 'e2', 'e5', 'e6'] },
  {
    name: 'NOT LIKE on a quoted property (example 36)',
    text: '"name" NOT LIKE \'foo%\'',
    json: op('not', op('like', p('name'), 'foo%')),
    ids: ['e2', 'e3', 'e4', 'e7'],
  },
  { name: 'BETWEEN, inclusive (example 37)', text: '"value" BETWEEN 10 AND 20', json: op('between', p('value'), 10, 20), ids: ['e1', 'e5', 'e6'] },
  {
    // e4's value is null and e7 has none: unknown either way.
    name: 'NOT BETWEEN (example 38)',
    text: '"value" NOT BETWEEN 10 AND 20',
    json: op('not', op('between', p('value'), 10, 20)),
    ids: ['e2', 'e3'],
  },
  {
    name: 'IN with strings (clause 7)',
    text: "city IN ('Toronto','Frankfurt','Tokyo','New York')",
    json: op('in', p('city'), ['Toronto', 'Frankfurt', 'Tokyo', 'New York']),
    ids: ['t1', 't2', 't3', 't4'],
  },
  {
    name: 'IN with strings that look like numbers (example 3)',
    text: "landsat:wrs_path IN ('153','154','15X')",
    json: op('in', p('landsat:wrs_path'), ['153', '154', '15X']),
    ids: ['s3', 's5'],
  },
  { name: 'IN with decimals (example 5b)', text: 'eo:cloud_cover IN (0.1,0.2)', json: op('in', p('eo:cloud_cover'), [0.1, 0.2]), ids: ['s2', 's3'] },
  { name: 'IN with decimals written with .0 (example 39)', text: '"value" IN (5.0, 10.0, 30.0)', json: op('in', p('value'), [5, 10, 30]), ids: ['e2', 'e6'] },
  { name: 'NOT IN (clause 7)', text: 'floors NOT IN (1,2,3,4)', json: op('not', op('in', p('floors'), [1, 2, 3, 4])), ids: ['t2', 't3'] },
  {
    // Unset or JSON null: every town and scene item, e4 (null) and e7 (none).
    name: 'IS NULL (example 41)',
    text: '"value" IS NULL',
    json: op('isNull', p('value')),
    ids: [...TOWN, ...SCENES, 'e4', 'e7'],
  },
  { name: 'IS NOT NULL (example 42)', text: '"value" IS NOT NULL', json: op('not', op('isNull', p('value'))), ids: ['e1', 'e2', 'e3', 'e5', 'e6'] },
  {
    // Lower-cased, 'Straße' and 'οΔος' match; 'STRASSE' is not 'straße'.
    name: 'CASEI in an IN list (example 26)',
    text: "CASEI(road_class) IN (CASEI('Οδος'),CASEI('Straße'))",
    json: op('in', op('casei', p('road_class')), [op('casei', 'Οδος'), op('casei', 'Straße')]),
    ids: ['t1', 't4'],
  },
  {
    name: 'ACCENTI on both sides (example 27)',
    text: "ACCENTI(etat_vol) = ACCENTI('débárquér')",
    json: op('=', op('accenti', p('etat_vol')), op('accenti', 'débárquér')),
    ids: ['t1', 't2'],
  },
  {
    name: 'CASEI on both sides (example 71)',
    text: "CASEI(owner) = CASEI('MIKE SMITH')",
    json: op('=', op('casei', p('owner')), op('casei', 'MIKE SMITH')),
    ids: ['t2'],
  },
  {
    name: 'ACCENTI of a plain string (example 70)',
    text: "ACCENTI(owner) = ACCENTI('Beyonce')",
    json: op('=', op('accenti', p('owner')), op('accenti', 'Beyonce')),
    ids: ['t4'],
  },
  {
    name: 'LIKE with a CASEI pattern (example 86)',
    text: '"name" LIKE CASEI(\'FOO%\')',
    json: op('like', p('name'), op('casei', 'FOO%')),
    ids: ['e1', 'e5', 'e6'],
  },
  {
    name: 'CASEI of ACCENTI',
    text: "CASEI(ACCENTI(etat_vol)) = CASEI(ACCENTI('EMBARQUÉ'))",
    json: op('=', op('casei', op('accenti', p('etat_vol'))), op('casei', op('accenti', 'EMBARQUÉ'))),
    ids: ['t3'],
  },
];

const logic: ExampleCase[] = [
  {
    name: 'AND of three comparisons (example 4)',
    text: "eo:cloud_cover < 0.1 AND landsat:wrs_row=28 AND landsat:wrs_path='203'",
    json: op('and', op('<', p('eo:cloud_cover'), 0.1), op('=', p('landsat:wrs_row'), 28), op('=', p('landsat:wrs_path'), '203')),
    ids: ['s1'],
  },
  {
    name: 'OR of two comparisons (example 5a)',
    text: 'eo:cloud_cover=0.1 OR eo:cloud_cover=0.2',
    json: op('or', op('=', p('eo:cloud_cover'), 0.1), op('=', p('eo:cloud_cover'), 0.2)),
    ids: ['s2', 's3'],
  },
  {
    // s4's landsat:wrs_row "28" is read as 28 by the queryable's to_int wrapper.
    name: 'BETWEEN in an AND (example 6a)',
    text: "eo:cloud_cover BETWEEN 0.1 AND 0.2 AND landsat:wrs_row=28 AND landsat:wrs_path='203'",
    json: op('and', op('between', p('eo:cloud_cover'), 0.1, 0.2), op('=', p('landsat:wrs_row'), 28), op('=', p('landsat:wrs_path'), '203')),
    ids: ['s2', 's4'],
  },
  {
    name: 'the same as two bounds (example 6b)',
    text: "eo:cloud_cover >= 0.1 AND eo:cloud_cover <= 0.2 AND landsat:wrs_row=28 AND landsat:wrs_path='203'",
    json: op(
      'and',
      op('>=', p('eo:cloud_cover'), 0.1),
      op('<=', p('eo:cloud_cover'), 0.2),
      op('=', p('landsat:wrs_row'), 28),
      op('=', p('landsat:wrs_path'), '203'),
    ),
    ids: ['s2', 's4'],
  },
  {
    name: 'AND (example 15)',
    text: 'floors>5 AND swimming_pool=true',
    json: op('and', op('>', p('floors'), 5), op('=', p('swimming_pool'), true)),
    ids: ['t3'],
  },
  {
    // t5 has a pool but no floors and wood: unknown OR false OR false is unknown.
    name: 'AND of an OR (example 16)',
    text: "swimming_pool=true AND (floors>5 OR material LIKE 'brick%' OR material LIKE '%brick')",
    json: op(
      'and',
      op('=', p('swimming_pool'), true),
      op('or', op('>', p('floors'), 5), op('like', p('material'), 'brick%'), op('like', p('material'), '%brick')),
    ),
    ids: ['t1', 't3'],
  },
  {
    name: 'OR of an AND (example 17)',
    text: "(floors>5 AND material='brick') OR swimming_pool=true",
    json: op('or', op('and', op('>', p('floors'), 5), op('=', p('material'), 'brick')), op('=', p('swimming_pool'), true)),
    ids: ['t1', 't2', 't3', 't5'],
  },
  {
    // t5: NOT unknown is unknown, OR true is true. t6: floors and pool are of the wrong types, both unknown.
    name: 'NOT in an OR (example 18)',
    text: 'NOT (floors<5) OR swimming_pool=true',
    json: op('or', op('not', op('<', p('floors'), 5)), op('=', p('swimming_pool'), true)),
    ids: ['t1', 't2', 't3', 't5'],
  },
  {
    name: 'an OR in parentheses (example 19)',
    text: "(owner LIKE 'mike%' OR owner LIKE 'Mike%') AND floors<4",
    json: op('and', op('or', op('like', p('owner'), 'mike%'), op('like', p('owner'), 'Mike%')), op('<', p('floors'), 4)),
    ids: ['t1'],
  },
  {
    name: 'NOT LIKE and a comparison (example 43)',
    text: '(NOT "name" LIKE \'foo%\' AND "value" > 10)',
    json: op('and', op('not', op('like', p('name'), 'foo%')), op('>', p('value'), 10)),
    ids: ['e3'],
  },
  {
    name: 'IS NULL or BETWEEN (example 44)',
    text: '"value" IS NULL OR "value" BETWEEN 10 AND 20',
    json: op('or', op('isNull', p('value')), op('between', p('value'), 10, 20)),
    ids: except('e2', 'e3'),
  },
];

const arithmetic: ExampleCase[] = [
  { name: 'subtraction without spaces (clause 6)', text: 'taxes-150.0 > 300', json: op('>', op('-', p('taxes'), 150), 300), ids: ['t2', 't3', 't5'] },
  { name: 'modulo (example 77)', text: '0 = (floors % 2)', json: op('=', 0, op('%', p('floors'), 2)), ids: ['t2', 't3', 't4'] },
  { name: 'integer division (example 78)', text: '1 = (floors div 4)', json: op('=', 1, op('div', p('floors'), 4)), ids: ['t3'] },
  {
    // 2^10 = 1024 >= 1000; 2^3, 2^6 and 2^2 fall short of 100 times the floors.
    name: 'a power against a product (example 76)',
    text: '2 ^ floors >= floors * 100',
    json: op('>=', op('^', 2, p('floors')), op('*', p('floors'), 100)),
    ids: ['t2'],
  },
  {
    name: 'division of two properties (example 75)',
    text: 'taxes / floors > 100',
    json: op('>', op('/', p('taxes'), p('floors')), 100),
    ids: ['t1', 't2', 't4'],
  },
  {
    name: 'a parenthesised right side (clause 7)',
    text: 'floors * 100 > (taxes - 1)',
    json: op('>', op('*', p('floors'), 100), op('-', p('taxes'), 1)),
    ids: ['t3'],
  },
  { name: 'unary minus (example 85)', text: '-"value" < -12', json: op('<', op('*', -1, p('value')), -12), ids: ['e1', 'e3', 'e5'] },
  {
    name: 'division by zero matches nothing',
    text: 'taxes / (floors - floors) > 0',
    json: op('>', op('/', p('taxes'), op('-', p('floors'), p('floors'))), 0),
    ids: [],
  },
];

const spatial: ExampleCase[] = [
  {
    name: 'S_INTERSECTS a BBOX (example 23)',
    text: 'S_INTERSECTS(geometry, BBOX(-118,33.8,-117.9,34))',
    json: op('s_intersects', p('geometry'), townBox),
    ids: ['t1', 't2', 't3', 't5', 't6'],
  },
  {
    name: 'S_WITHIN a BBOX (example 23)',
    text: 'S_WITHIN(geometry,BBOX(-118,33.8,-117.9,34))',
    json: op('s_within', p('geometry'), townBox),
    ids: ['t1', 't2', 't6'],
  },
  {
    // t2's location is at (0 0); t6's is a string, not a geometry.
    name: 'S_WITHIN on a geometry held in a property (example 23)',
    text: 'S_WITHIN(location,BBOX(-118,33.8,-117.9,34))',
    json: op('s_within', p('location'), townBox),
    ids: ['t1'],
  },
  {
    // t4 is the triangle's corner (10 10); t5's second point (5 0) is inside.
    name: 'S_INTERSECTS a triangle (example 24)',
    text: 'S_INTERSECTS(geometry,POLYGON((-10.0 -10.0,10.0 -10.0,10.0 10.0,-10.0 -10.0)))',
    json: op('s_intersects', p('geometry'), polygon(-10, -10, 10, -10, 10, 10, -10, -10)),
    ids: ['t4', 't5'],
  },
  {
    name: 'a comparison AND S_WITHIN (example 25)',
    text: 'floors>5 AND S_WITHIN(geometry,BBOX(-118,33.8,-117.9,34))',
    json: op('and', op('>', p('floors'), 5), op('s_within', p('geometry'), townBox)),
    ids: ['t2'],
  },
  {
    name: 'S_INTERSECTS a 3D BBOX (example 45)',
    text: 'S_INTERSECTS("geometry", BBOX(-118, 33.8, -100.0, -117.9, 34, 100.0))',
    json: op('s_intersects', p('geometry'), bbox(-118, 33.8, -100, -117.9, 34, 100)),
    ids: ['t1', 't2', 't3', 't5', 't6'],
  },
  {
    name: 'S_INTERSECTS a BBOX across the antimeridian',
    text: 'S_INTERSECTS(geometry, BBOX(170, -20, -170, -10))',
    json: op('s_intersects', p('geometry'), bbox(170, -20, -170, -10)),
    ids: ['e3'],
  },
  {
    name: 'S_DISJOINT (example 47)',
    text: 'S_DISJOINT(geometry, BBOX(-118,33.8,-117.9,34))',
    json: op('s_disjoint', p('geometry'), townBox),
    ids: ['t4', ...SCENES, ...EVENTS],
  },
  {
    name: 'S_CONTAINS a POINT (example 52)',
    text: 'S_CONTAINS("geometry", POINT (-79.45 43.65))',
    json: op('s_contains', p('geometry'), point(-79.45, 43.65)),
    ids: ['s1'],
  },
  {
    // s1 shares its east edge with the polygon, s5 part of its north edge; their insides do not meet it.
    name: 'S_TOUCHES (example 48)',
    text: 'S_TOUCHES(geometry, POLYGON((-79.3 43.6, -79.1 43.6, -79.1 43.7, -79.3 43.7, -79.3 43.6)))',
    json: op('s_touches', p('geometry'), polygon(-79.3, 43.6, -79.1, 43.6, -79.1, 43.7, -79.3, 43.7, -79.3, 43.6)),
    ids: ['s1', 's5'],
  },
  {
    name: 'S_CROSSES a LINESTRING (example 51)',
    text: 'S_CROSSES(geometry, LINESTRING(-79.6 43.65, -79.35 43.65))',
    json: op('s_crosses', p('geometry'), {
      type: 'LineString',
      coordinates: [
        [-79.6, 43.65],
        [-79.35, 43.65],
      ],
    }),
    ids: ['s1'],
  },
  {
    // s4 and s5 only share a side with the polygon.
    name: 'S_OVERLAPS (example 50)',
    text: 'S_OVERLAPS(geometry, POLYGON((-79.4 43.55, -79.2 43.55, -79.2 43.65, -79.4 43.65, -79.4 43.55)))',
    json: op('s_overlaps', p('geometry'), polygon(-79.4, 43.55, -79.2, 43.55, -79.2, 43.65, -79.4, 43.65, -79.4, 43.55)),
    ids: ['s1'],
  },
  {
    // s2's footprint, from another corner and the other way round: equal as point sets.
    name: 'S_EQUALS with the literal first (example 46)',
    text: 'S_EQUALS(POLYGON ((-78.3 43.7, -78.5 43.7, -78.5 43.5, -78.3 43.5, -78.3 43.7)), "geometry")',
    json: op('s_equals', polygon(-78.3, 43.7, -78.5, 43.7, -78.5, 43.5, -78.3, 43.5, -78.3, 43.7), p('geometry')),
    ids: ['s2'],
  },
  {
    name: 'S_INTERSECTS a MULTIPOINT (example 83)',
    text: 'S_INTERSECTS(geometry, MULTIPOINT((5 0), (-79.45 43.65)))',
    json: op('s_intersects', p('geometry'), {
      type: 'MultiPoint',
      coordinates: [
        [5, 0],
        [-79.45, 43.65],
      ],
    }),
    ids: ['s1', 't5'],
  },
  {
    // e5's line starts at (0 51), where the first line ends.
    name: 'S_INTERSECTS a MULTILINESTRING (example 48)',
    text: 'S_INTERSECTS(geometry, MULTILINESTRING((0 49, 0 51), (-80 43.55, -79 43.55)))',
    json: op('s_intersects', p('geometry'), {
      type: 'MultiLineString',
      coordinates: [ring(0, 49, 0, 51), ring(-80, 43.55, -79, 43.55)],
    }),
    ids: ['e1', 'e5', 's4', 's5'],
  },
  {
    name: 'S_INTERSECTS a MULTIPOLYGON (example 47)',
    text: 'S_INTERSECTS(geometry, MULTIPOLYGON(((-0.5 49.5, 0.5 49.5, 0.5 50.5, -0.5 50.5, -0.5 49.5)), ((2.2 50.2, 2.3 50.2, 2.3 50.3, 2.2 50.3, 2.2 50.2))))',
    json: op('s_intersects', p('geometry'), {
      type: 'MultiPolygon',
      coordinates: [[ring(-0.5, 49.5, 0.5, 49.5, 0.5, 50.5, -0.5, 50.5, -0.5, 49.5)], [ring(2.2, 50.2, 2.3, 50.2, 2.3, 50.3, 2.2, 50.3, 2.2, 50.2)]],
    }),
    ids: ['e1', 'e6'],
  },
  {
    // The line runs through t3 at latitude 34; t6 ends just below it.
    name: 'S_INTERSECTS a GEOMETRYCOLLECTION (example 84)',
    text: 'S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(10 10), LINESTRING(-117.91 34.0, -117.8 34.0)))',
    json: op('s_intersects', p('geometry'), {
      type: 'GeometryCollection',
      geometries: [point(10, 10), { type: 'LineString', coordinates: ring(-117.91, 34, -117.8, 34) }],
    }),
    ids: ['t3', 't4'],
  },
];

const temporal: ExampleCase[] = [
  {
    name: 'T_BEFORE a date (example 20)',
    text: "T_BEFORE(built, DATE('2015-01-01'))",
    json: op('t_before', p('built'), date('2015-01-01')),
    ids: ['t1', 't3', 't4'],
  },
  { name: 'T_AFTER a date (example 21)', text: "T_AFTER(built,DATE('2012-06-05'))", json: op('t_after', p('built'), date('2012-06-05')), ids: ['t2', 't5'] },
  { name: 'T_EQUALS a date (example 58)', text: "T_EQUALS(built, DATE('2015-01-01'))", json: op('t_equals', p('built'), date('2015-01-01')), ids: ['t5'] },
  {
    name: 'T_AFTER a timestamp',
    text: "T_AFTER(datetime, TIMESTAMP('2021-05-04T00:00:00Z'))",
    json: op('t_after', p('datetime'), ts('2021-05-04T00:00:00Z')),
    ids: ['s4', 's5'],
  },
  {
    // Strictly inside: e2 starts as the interval does, e5 is its last instant.
    name: 'T_DURING of the item interval (example 22)',
    text: `T_DURING(INTERVAL(start_datetime, end_datetime), ${june10Text})`,
    json: op('t_during', itemInterval, june10),
    ids: ['e1'],
  },
  {
    // e3 ends as the interval starts and e5 is its end: touching counts.
    name: 'T_INTERSECTS an interval, with datetime standing for the item interval',
    text: `T_INTERSECTS(datetime, ${june10Text})`,
    json: op('t_intersects', p('datetime'), june10),
    ids: ['e1', 'e2', 'e3', 'e5', 'e7'],
  },
  {
    name: 'T_INTERSECTS on a timestamp property (clause 7)',
    text: "T_INTERSECTS(event_time, INTERVAL('1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z'))",
    json: op('t_intersects', p('event_time'), interval('1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z')),
    ids: ['e4'],
  },
  {
    name: 'T_DURING of an interval of two properties (clause 7)',
    text: "T_DURING(INTERVAL(touchdown, liftOff), INTERVAL('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'))",
    json: op('t_during', interval(p('touchdown'), p('liftOff')), interval('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z')),
    ids: ['e4'],
  },
  {
    name: 'T_DURING of two literal intervals holds for every item (clause 7)',
    text: "T_DURING(INTERVAL('1969-07-20T20:17:40Z', '1969-07-21T17:54:00Z'), INTERVAL('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'))",
    json: op('t_during', interval('1969-07-20T20:17:40Z', '1969-07-21T17:54:00Z'), interval('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z')),
    ids: ALL_IDS,
  },
  { name: 'T_MEETS: e3 ends as the interval starts', text: `T_MEETS(datetime, ${june10Text})`, json: op('t_meets', p('datetime'), june10), ids: ['e3'] },
  {
    name: 'T_MEETS with dates (example 62)',
    text: "T_MEETS(INTERVAL('2005-01-10', '2010-02-10'), INTERVAL(start_datetime, end_datetime))",
    json: op('t_meets', interval('2005-01-10', '2010-02-10'), itemInterval),
    ids: ['e6'],
  },
  {
    name: 'T_METBY (example 63)',
    text: "T_METBY(INTERVAL(start_datetime, end_datetime), INTERVAL('2005-01-10', '2010-02-10'))",
    json: op('t_metBy', itemInterval, interval('2005-01-10', '2010-02-10')),
    ids: ['e6'],
  },
  {
    name: 'T_STARTEDBY: e2 starts with the interval and ends after it',
    text: `T_STARTEDBY(datetime, ${june10Text})`,
    json: op('t_startedBy', p('datetime'), june10),
    ids: ['e2'],
  },
  {
    name: 'T_STARTS an interval open at the end (example 67)',
    text: "T_STARTS(INTERVAL(start_datetime, end_datetime), INTERVAL('2017-06-10T07:30:00Z', '..'))",
    json: op('t_starts', itemInterval, interval('2017-06-10T07:30:00Z', '..')),
    ids: ['e2'],
  },
  {
    name: 'T_OVERLAPS: e7 starts before and ends inside (example 65)',
    text: `T_OVERLAPS(datetime, ${june10Text})`,
    json: op('t_overlaps', p('datetime'), june10),
    ids: ['e7'],
  },
  {
    name: 'T_OVERLAPPEDBY (example 64)',
    text: "T_OVERLAPPEDBY(datetime, INTERVAL('2017-06-10T00:00:00Z', '2017-06-11T00:00:00Z'))",
    json: op('t_overlappedBy', p('datetime'), interval('2017-06-10T00:00:00Z', '2017-06-11T00:00:00Z')),
    ids: ['e1', 'e2'],
  },
  {
    name: 'T_CONTAINS with the literal first (example 55)',
    text: "T_CONTAINS(INTERVAL('2010-01-01T00:00:00Z', '2016-01-01T00:00:00Z'), INTERVAL(start_datetime, end_datetime))",
    json: op('t_contains', interval('2010-01-01T00:00:00Z', '2016-01-01T00:00:00Z'), itemInterval),
    ids: ['e6'],
  },
  {
    name: 'T_FINISHES an interval from a date (example 60)',
    text: "T_FINISHES(INTERVAL(start_datetime, end_datetime), INTERVAL('1991-10-07', '2015-01-01T00:00:00Z'))",
    json: op('t_finishes', itemInterval, interval('1991-10-07', '2015-01-01T00:00:00Z')),
    ids: ['e6'],
  },
  {
    name: 'T_FINISHEDBY (example 59)',
    text: "T_FINISHEDBY(INTERVAL(start_datetime, end_datetime), INTERVAL('2017-06-11T00:00:00Z', '2017-06-12T00:00:00Z'))",
    json: op('t_finishedBy', itemInterval, interval('2017-06-11T00:00:00Z', '2017-06-12T00:00:00Z')),
    ids: ['e2'],
  },
  {
    name: 'T_DISJOINT from an interval open at the start (example 56)',
    text: "T_DISJOINT(INTERVAL('..', '2005-01-10T01:01:01.393216Z'), INTERVAL(start_datetime, end_datetime))",
    json: op('t_disjoint', interval('..', '2005-01-10T01:01:01.393216Z'), itemInterval),
    ids: except('e4'),
  },
];

const arrays: ExampleCase[] = [
  {
    name: 'A_CONTAINS (clause 7)',
    text: "A_CONTAINS(layer:ids, ('layers-ca','layers-us'))",
    json: op('a_contains', p('layer:ids'), ['layers-ca', 'layers-us']),
    ids: ['s1', 's5'],
  },
  {
    // s4's empty array is contained by any.
    name: 'A_CONTAINEDBY (example 79)',
    text: "A_CONTAINEDBY(instruments, ('oli', 'tirs', 'etm'))",
    json: op('a_containedBy', p('instruments'), ['oli', 'tirs', 'etm']),
    ids: ['s1', 's2', 's3', 's4'],
  },
  {
    name: 'A_EQUALS as sets (example 81)',
    text: "A_EQUALS(('tirs', 'oli'), instruments)",
    json: op('a_equals', ['tirs', 'oli'], p('instruments')),
    ids: ['s1'],
  },
  {
    name: 'A_OVERLAPS (example 82)',
    text: "A_OVERLAPS(instruments, ('pan', 'etm'))",
    json: op('a_overlaps', p('instruments'), ['pan', 'etm']),
    ids: ['s3', 's5'],
  },
];

export const EXAMPLE_FAMILIES: Record<string, ExampleCase[]> = { comparisons, advanced, logic, arithmetic, spatial, temporal, arrays };
