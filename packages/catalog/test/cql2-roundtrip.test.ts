import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCql2Text, readCql2Json, toCql2Json, toCql2Text } from '../src/cql2/index.js';
import { EXAMPLE_FAMILIES } from './cql2-example-cases.js';

/**
 * One filter per case in both encodings, after the kinds of examples the OGC CQL2 standard gives: every
 * operator family, literal type and geometry type. Each pair must read into the same tree, and each tree must
 * survive being written and read back in either encoding.
 */
interface Case {
  name: string;
  text: string;
  json: unknown;
}

const p = (property: string) => ({ property });
const op = (name: string, ...args: unknown[]) => ({ op: name, args });
const ts = (timestamp: string) => ({ timestamp });
const date = (value: string) => ({ date: value });
const interval = (start: unknown, end: unknown) => ({ interval: [start, end] });
const square = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole = [
  [2, 2],
  [2, 4],
  [4, 4],
  [2, 2],
];

const comparisons: Case[] = [
  { name: 'equality with a string', text: "landsat:scene_id = 'LC82030282019133LGN00'", json: op('=', p('landsat:scene_id'), 'LC82030282019133LGN00') },
  { name: 'inequality', text: "platform <> 'sentinel-2a'", json: op('<>', p('platform'), 'sentinel-2a') },
  { name: 'less than a decimal', text: 'eo:cloud_cover < 0.1', json: op('<', p('eo:cloud_cover'), 0.1) },
  { name: 'less than or equal', text: 'taxes <= 500', json: op('<=', p('taxes'), 500) },
  { name: 'greater than', text: 'floors > 5', json: op('>', p('floors'), 5) },
  { name: 'greater than or equal to a date', text: "updated >= DATE('1970-01-01')", json: op('>=', p('updated'), date('1970-01-01')) },
  { name: 'a timestamp comparison', text: "datetime < TIMESTAMP('2020-06-01T12:00:00Z')", json: op('<', p('datetime'), ts('2020-06-01T12:00:00Z')) },
  { name: 'a boolean comparison', text: 'swimming_pool = TRUE', json: op('=', p('swimming_pool'), true) },
  { name: 'a negative number', text: 'elevation > -11034', json: op('>', p('elevation'), -11034) },
  { name: 'a literal on the left', text: '10 >= floors', json: op('>=', 10, p('floors')) },
  { name: 'property to property', text: 'eo:cloud_cover <= view:off_nadir', json: op('<=', p('eo:cloud_cover'), p('view:off_nadir')) },
  { name: 'a double-quoted property', text: '"id" = \'fa7e1920\'', json: op('=', p('id'), 'fa7e1920') },
  { name: 'a property that needs quotes', text: '"my property" = 1', json: op('=', p('my property'), 1) },
];

const advanced: Case[] = [
  { name: 'LIKE with a trailing wildcard', text: "eo:instrument LIKE 'OLI%'", json: op('like', p('eo:instrument'), 'OLI%') },
  { name: 'LIKE with both wildcards', text: "owner LIKE '%Jo_es%'", json: op('like', p('owner'), '%Jo_es%') },
  { name: 'LIKE with an escaped wildcard', text: "code LIKE '100\\%'", json: op('like', p('code'), '100\\%') },
  { name: 'LIKE with an escaped backslash', text: "path LIKE 'C:\\\\temp%'", json: op('like', p('path'), 'C:\\temp%') },
  { name: 'NOT LIKE', text: "owner NOT LIKE '%Mike%'", json: op('not', op('like', p('owner'), '%Mike%')) },
  {
    name: 'CASEI on both sides of LIKE',
    text: "CASEI(geophys:SURVEY_NAME) LIKE CASEI('%calcutta%')",
    json: op('like', op('casei', p('geophys:SURVEY_NAME')), op('casei', '%calcutta%')),
  },
  { name: 'BETWEEN', text: 'depth BETWEEN 100.0 AND 150.5', json: op('between', p('depth'), 100, 150.5) },
  { name: 'NOT BETWEEN', text: '"value" NOT BETWEEN 10 AND 20', json: op('not', op('between', p('value'), 10, 20)) },
  { name: 'BETWEEN arithmetic bounds', text: 'x BETWEEN y - 1 AND y + 1', json: op('between', p('x'), op('-', p('y'), 1), op('+', p('y'), 1)) },
  { name: 'IN with strings', text: "cityName IN ('Toronto', 'Frankfurt', 'New York')", json: op('in', p('cityName'), ['Toronto', 'Frankfurt', 'New York']) },
  { name: 'NOT IN with numbers', text: 'category NOT IN (1, 2, 3, 4)', json: op('not', op('in', p('category'), [1, 2, 3, 4])) },
  { name: 'IN with one value', text: "collection IN ('sentinel-2-l2a')", json: op('in', p('collection'), ['sentinel-2-l2a']) },
  { name: 'IN with dates', text: "day IN (DATE('2020-01-01'), DATE('2020-01-02'))", json: op('in', p('day'), [date('2020-01-01'), date('2020-01-02')]) },
  { name: 'IS NULL', text: 'geometry IS NULL', json: op('isNull', p('geometry')) },
  { name: 'IS NOT NULL', text: 'eo:cloud_cover IS NOT NULL', json: op('not', op('isNull', p('eo:cloud_cover'))) },
  {
    name: 'CASEI in an IN list',
    text: "CASEI(road_class) IN (CASEI('Οδος'), CASEI('Straße'))",
    json: op('in', op('casei', p('road_class')), [op('casei', 'Οδος'), op('casei', 'Straße')]),
  },
  { name: 'ACCENTI', text: "ACCENTI(etat_vol) = ACCENTI('débárquér')", json: op('=', op('accenti', p('etat_vol')), op('accenti', 'débárquér')) },
  {
    name: 'CASEI of ACCENTI',
    text: "CASEI(ACCENTI(city)) = CASEI(ACCENTI('Zürich'))",
    json: op('=', op('casei', op('accenti', p('city'))), op('casei', op('accenti', 'Zürich'))),
  },
];

const logic: Case[] = [
  {
    name: 'AND of three, as one node',
    text: 'eo:cloud_cover < 0.1 AND landsat:wrs_row = 28 AND landsat:wrs_path = 203',
    json: op('and', op('<', p('eo:cloud_cover'), 0.1), op('=', p('landsat:wrs_row'), 28), op('=', p('landsat:wrs_path'), 203)),
  },
  {
    name: 'OR of two',
    text: 'eo:cloud_cover = 0.1 OR eo:cloud_cover = 0.2',
    json: op('or', op('=', p('eo:cloud_cover'), 0.1), op('=', p('eo:cloud_cover'), 0.2)),
  },
  {
    name: 'AND binds tighter than OR',
    text: 'a = 1 OR b = 2 AND c = 3',
    json: op('or', op('=', p('a'), 1), op('and', op('=', p('b'), 2), op('=', p('c'), 3))),
  },
  {
    name: 'parentheses around an OR',
    text: '(a = 1 OR b = 2) AND c = 3',
    json: op('and', op('or', op('=', p('a'), 1), op('=', p('b'), 2)), op('=', p('c'), 3)),
  },
  {
    name: 'NOT binds tighter than AND',
    text: 'NOT floors < 5 AND swimming_pool = TRUE',
    json: op('and', op('not', op('<', p('floors'), 5)), op('=', p('swimming_pool'), true)),
  },
  {
    name: 'NOT of a parenthesised AND',
    text: 'NOT (floors < 5 AND swimming_pool = TRUE)',
    json: op('not', op('and', op('<', p('floors'), 5), op('=', p('swimming_pool'), true))),
  },
  { name: 'NOT NOT', text: 'NOT NOT a = 1', json: op('not', op('not', op('=', p('a'), 1))) },
  {
    name: 'a nested AND kept nested',
    text: '(a = 1 AND b = 2) AND c = 3',
    json: op('and', op('and', op('=', p('a'), 1), op('=', p('b'), 2)), op('=', p('c'), 3)),
  },
  {
    name: 'OR of LIKEs inside an AND',
    text: "swimming_pool = TRUE AND (floors > 5 OR material LIKE 'brick%' OR material LIKE '%brick')",
    json: op(
      'and',
      op('=', p('swimming_pool'), true),
      op('or', op('>', p('floors'), 5), op('like', p('material'), 'brick%'), op('like', p('material'), '%brick')),
    ),
  },
  { name: 'TRUE alone', text: 'TRUE', json: true },
  { name: 'FALSE in an OR', text: 'FALSE OR a IS NULL', json: op('or', false, op('isNull', p('a'))) },
  { name: 'a boolean function', text: 'isValid(geometry) AND a = 1', json: op('and', op('isValid', p('geometry')), op('=', p('a'), 1)) },
];

const arithmetic: Case[] = [
  { name: '* before +', text: 'a + b * c = 7', json: op('=', op('+', p('a'), op('*', p('b'), p('c'))), 7) },
  { name: 'parentheses before *', text: '(a + b) * c = 7', json: op('=', op('*', op('+', p('a'), p('b')), p('c')), 7) },
  { name: '- from the left', text: 'a - b - c = 0', json: op('=', op('-', op('-', p('a'), p('b')), p('c')), 0) },
  { name: '- with a parenthesised right side', text: 'a - (b - c) = 0', json: op('=', op('-', p('a'), op('-', p('b'), p('c'))), 0) },
  { name: '^ before *', text: 'a * b ^ 2 = 8', json: op('=', op('*', p('a'), op('^', p('b'), 2)), 8) },
  { name: '^ from the right', text: '2 ^ 3 ^ 2 = x', json: op('=', op('^', 2, op('^', 3, 2)), p('x')) },
  { name: '% and div', text: 'a % 2 = 0 AND a div 2 = 3', json: op('and', op('=', op('%', p('a'), 2), 0), op('=', op('div', p('a'), 2), 3)) },
  { name: '/', text: 'area / 2 > 1.5', json: op('>', op('/', p('area'), 2), 1.5) },
  { name: 'subtraction without spaces', text: 'balance-150.0 > 0', json: op('>', op('-', p('balance'), 150), 0) },
  { name: 'unary minus of a property', text: '-a < 0', json: op('<', op('*', -1, p('a')), 0) },
  { name: 'unary minus of a group', text: '-(a + b) < 0', json: op('<', op('*', -1, op('+', p('a'), p('b'))), 0) },
  { name: 'unary minus binds tighter than ^', text: '-2 ^ 2 = 4', json: op('=', op('^', -2, 2), 4) },
  {
    name: 'a parenthesised right side of a comparison',
    text: 'vehicle_height > (bridge_clearance - 1)',
    json: op('>', p('vehicle_height'), op('-', p('bridge_clearance'), 1)),
  },
  { name: 'a function in arithmetic', text: 'avg(windSpeed) * 2 < 4', json: op('<', op('*', op('avg', p('windSpeed')), 2), 4) },
];

const spatial: Case[] = [
  {
    name: 'S_INTERSECTS with a POINT',
    text: 'S_INTERSECTS(geometry, POINT(36.319836 32.288087))',
    json: op('s_intersects', p('geometry'), { type: 'Point', coordinates: [36.319836, 32.288087] }),
  },
  {
    name: 'S_INTERSECTS with a BBOX',
    text: 'S_INTERSECTS(geometry, BBOX(-118, 33.8, -117.9, 34))',
    json: op('s_intersects', p('geometry'), { bbox: [-118, 33.8, -117.9, 34] }),
  },
  {
    name: 'S_INTERSECTS with a 3D BBOX',
    text: 'S_INTERSECTS(geometry, BBOX(-128.1, -1.1, -99999.0, 180.0, 90.0, 100000.0))',
    json: op('s_intersects', p('geometry'), { bbox: [-128.1, -1.1, -99999, 180, 90, 100000] }),
  },
  {
    name: 'S_INTERSECTS with a polygon with a hole',
    text: 'S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2)))',
    json: op('s_intersects', p('geometry'), { type: 'Polygon', coordinates: [square, hole] }),
  },
  {
    name: 'S_INTERSECTS with a MULTIPOINT',
    text: 'S_INTERSECTS(geometry, MULTIPOINT((1 2), (3 4)))',
    json: op('s_intersects', p('geometry'), {
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    }),
  },
  {
    name: 'S_EQUALS with the polygon first',
    text: 'S_EQUALS(POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)), geometry)',
    json: op('s_equals', { type: 'Polygon', coordinates: [square] }, p('geometry')),
  },
  {
    name: 'S_DISJOINT with a MULTIPOLYGON',
    text: 'S_DISJOINT(geometry, MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 2 4, 4 4, 2 2))))',
    json: op('s_disjoint', p('geometry'), { type: 'MultiPolygon', coordinates: [[square], [hole]] }),
  },
  {
    name: 'S_TOUCHES with a MULTILINESTRING',
    text: 'S_TOUCHES(geometry, MULTILINESTRING((-1.9 -0.99999, 75.29 1.5), (-1.9 -1.1, 1.5 8.547371)))',
    json: op('s_touches', p('geometry'), {
      type: 'MultiLineString',
      coordinates: [
        [
          [-1.9, -0.99999],
          [75.29, 1.5],
        ],
        [
          [-1.9, -1.1],
          [1.5, 8.547371],
        ],
      ],
    }),
  },
  {
    name: 'S_WITHIN with a POLYGON Z',
    text: 'S_WITHIN(POLYGON Z((0 0 1, 10 0 1, 10 10 2, 0 0 1)), geometry)',
    json: op(
      's_within',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0, 1],
            [10, 0, 1],
            [10, 10, 2],
            [0, 0, 1],
          ],
        ],
      },
      p('geometry'),
    ),
  },
  { name: 'S_WITHIN of a function', text: "S_WITHIN(road, Buffer(geometry, 10, 'm'))", json: op('s_within', p('road'), op('Buffer', p('geometry'), 10, 'm')) },
  {
    name: 'S_OVERLAPS with a BBOX',
    text: 'S_OVERLAPS(geometry, BBOX(-179.912109, 1.9, 180.0, 16.897016))',
    json: op('s_overlaps', p('geometry'), { bbox: [-179.912109, 1.9, 180, 16.897016] }),
  },
  {
    name: 'S_CROSSES with a LINESTRING',
    text: 'S_CROSSES(geometry, LINESTRING(172.03086 1.5, 1.1 -90.0, -159.757695 0.99999))',
    json: op('s_crosses', p('geometry'), {
      type: 'LineString',
      coordinates: [
        [172.03086, 1.5],
        [1.1, -90],
        [-159.757695, 0.99999],
      ],
    }),
  },
  {
    name: 'S_CONTAINS with a POINT',
    text: 'S_CONTAINS(geometry, POINT(-3.508362 -1.754181))',
    json: op('s_contains', p('geometry'), { type: 'Point', coordinates: [-3.508362, -1.754181] }),
  },
  { name: 'S_CONTAINS of two properties', text: 'S_CONTAINS(footprint, geometry)', json: op('s_contains', p('footprint'), p('geometry')) },
  {
    name: 'S_INTERSECTS with a GEOMETRYCOLLECTION',
    text: 'S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))',
    json: op('s_intersects', p('geometry'), {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 2] },
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      ],
    }),
  },
  {
    name: 'S_INTERSECTS with a 3D POINT',
    text: 'S_INTERSECTS(geometry, POINT Z(1 2 3))',
    json: op('s_intersects', p('geometry'), { type: 'Point', coordinates: [1, 2, 3] }),
  },
];

const t1 = '2020-01-01T00:00:00Z';
const t2 = '2020-12-31T23:59:59.5Z';
const temporal: Case[] = [
  { name: 'T_AFTER a timestamp', text: `T_AFTER(datetime, TIMESTAMP('${t1}'))`, json: op('t_after', p('datetime'), ts(t1)) },
  { name: 'T_BEFORE a date', text: "T_BEFORE(built, DATE('2015-01-01'))", json: op('t_before', p('built'), date('2015-01-01')) },
  {
    name: 'T_CONTAINS an instant',
    text: `T_CONTAINS(INTERVAL(start_datetime, end_datetime), TIMESTAMP('${t1}'))`,
    json: op('t_contains', interval(p('start_datetime'), p('end_datetime')), ts(t1)),
  },
  {
    name: 'T_DISJOINT from a date interval',
    text: "T_DISJOINT(datetime, INTERVAL('2020-01-01', '2020-12-31'))",
    json: op('t_disjoint', p('datetime'), interval('2020-01-01', '2020-12-31')),
  },
  {
    name: 'T_DURING an interval open at the end',
    text: `T_DURING(datetime, INTERVAL('${t1}', '..'))`,
    json: op('t_during', p('datetime'), interval(t1, '..')),
  },
  { name: 'T_EQUALS a timestamp', text: `T_EQUALS(datetime, TIMESTAMP('${t2}'))`, json: op('t_equals', p('datetime'), ts(t2)) },
  {
    name: 'T_FINISHEDBY an interval open at the start',
    text: "T_FINISHEDBY(INTERVAL(start, end), INTERVAL('..', '2020-01-01'))",
    json: op('t_finishedBy', interval(p('start'), p('end')), interval('..', '2020-01-01')),
  },
  {
    name: 'T_FINISHES',
    text: `T_FINISHES(INTERVAL(start, end), INTERVAL('${t1}', '${t2}'))`,
    json: op('t_finishes', interval(p('start'), p('end')), interval(t1, t2)),
  },
  {
    name: 'T_INTERSECTS an interval open at both ends',
    text: "T_INTERSECTS(event_time, INTERVAL('..', '..'))",
    json: op('t_intersects', p('event_time'), interval('..', '..')),
  },
  {
    name: 'T_MEETS',
    text: `T_MEETS(INTERVAL('2020-01-01', '${t2}'), INTERVAL(start, end))`,
    json: op('t_meets', interval('2020-01-01', t2), interval(p('start'), p('end'))),
  },
  { name: 'T_METBY', text: `T_METBY(INTERVAL(start, end), INTERVAL('${t1}', '${t2}'))`, json: op('t_metBy', interval(p('start'), p('end')), interval(t1, t2)) },
  {
    name: 'T_OVERLAPPEDBY',
    text: `T_OVERLAPPEDBY(INTERVAL(start, end), INTERVAL('${t1}', '..'))`,
    json: op('t_overlappedBy', interval(p('start'), p('end')), interval(t1, '..')),
  },
  {
    name: 'T_OVERLAPS',
    text: `T_OVERLAPS(INTERVAL(start, end), INTERVAL('..', '${t2}'))`,
    json: op('t_overlaps', interval(p('start'), p('end')), interval('..', t2)),
  },
  {
    name: 'T_STARTEDBY',
    text: `T_STARTEDBY(INTERVAL(start, end), INTERVAL('${t1}', '${t2}'))`,
    json: op('t_startedBy', interval(p('start'), p('end')), interval(t1, t2)),
  },
  {
    name: 'T_STARTS',
    text: "T_STARTS(INTERVAL(start, end), INTERVAL('2020-01-01', '2020-01-31'))",
    json: op('t_starts', interval(p('start'), p('end')), interval('2020-01-01', '2020-01-31')),
  },
  { name: 'T_AFTER of two properties', text: 'T_AFTER(updated, created)', json: op('t_after', p('updated'), p('created')) },
  {
    name: 'T_DURING with a function as an end',
    text: "T_DURING(datetime, INTERVAL(DATE('2020-01-01'), now()))",
    json: op('t_during', p('datetime'), interval('2020-01-01', op('now'))),
  },
];

const arrays: Case[] = [
  { name: 'A_EQUALS', text: "A_EQUALS(keywords, ('a', 'b'))", json: op('a_equals', p('keywords'), ['a', 'b']) },
  { name: 'A_CONTAINS one value', text: "A_CONTAINS(layer:ids, ('layers-ca'))", json: op('a_contains', p('layer:ids'), ['layers-ca']) },
  { name: 'A_CONTAINEDBY', text: 'A_CONTAINEDBY(bands, (1, 2, 3))', json: op('a_containedBy', p('bands'), [1, 2, 3]) },
  { name: 'A_OVERLAPS of two properties', text: 'A_OVERLAPS(instruments, sensors)', json: op('a_overlaps', p('instruments'), p('sensors')) },
  {
    name: 'A_OVERLAPS with mixed values',
    text: "A_OVERLAPS(values, (TIMESTAMP('2012-08-10T05:30:00Z'), DATE('2010-02-10'), FALSE))",
    json: op('a_overlaps', p('values'), [ts('2012-08-10T05:30:00Z'), date('2010-02-10'), false]),
  },
  { name: 'A_CONTAINS nested arrays', text: "A_CONTAINS(matrix, (('a'), ('b', 'c'), ((1))))", json: op('a_contains', p('matrix'), [['a'], ['b', 'c'], [[1]]]) },
  { name: 'A_EQUALS the empty array', text: 'A_EQUALS(tags, ())', json: op('a_equals', p('tags'), []) },
  { name: 'an array as a function argument', text: "f(('x'), (1, 2)) AND g(()) = 0", json: op('and', op('f', ['x'], [1, 2]), op('=', op('g', []), 0)) },
];

const families: Record<string, Case[]> = { comparisons, advanced, logic, arithmetic, spatial, temporal, arrays };
// The filters run against the example catalog (cql2-examples.test.ts) must survive the same round trips.
for (const [family, cases] of Object.entries(EXAMPLE_FAMILIES)) families[`examples, ${family}`] = cases;

for (const [family, cases] of Object.entries(families)) {
  describe(`CQL2 ${family} in both encodings`, () => {
    for (const c of cases) {
      it(`${c.name}: text and JSON read into the same tree`, () => {
        assert.deepEqual(readCql2Json(c.json), parseCql2Text(c.text));
      });
      it(`${c.name}: survives text → tree → text → tree`, () => {
        const tree = parseCql2Text(c.text);
        assert.deepEqual(parseCql2Text(toCql2Text(tree)), tree);
      });
      it(`${c.name}: survives JSON → tree → JSON → tree, and is written as given`, () => {
        const tree = readCql2Json(c.json);
        const written = JSON.parse(JSON.stringify(toCql2Json(tree)));
        assert.deepEqual(readCql2Json(written), tree);
        assert.deepEqual(written, c.json);
      });
      it(`${c.name}: reads back the same from the other encoding's writer`, () => {
        const tree = readCql2Json(c.json);
        assert.deepEqual(parseCql2Text(toCql2Text(tree)), tree);
        assert.deepEqual(readCql2Json(toCql2Json(parseCql2Text(c.text))), tree);
      });
    }
  });
}

describe('the text writer', () => {
  const canonical: [string, string][] = [
    ['eo:cloud_cover<0.1 and landsat:wrs_row=28', 'eo:cloud_cover < 0.1 AND landsat:wrs_row = 28'],
    ["not name like 'foo%'", "name NOT LIKE 'foo%'"],
    ['NOT (x IS NULL)', 'x IS NOT NULL'],
    ['((a = 1)) or (b = 2)', 'a = 1 OR b = 2'],
    ['(a + b) + c = d * (e * f)', 'a + b + c = d * (e * f)'],
    ['-a ^ 2 = 1', '(-1 * a) ^ 2 = 1'],
    ["s = 'it''s' and t = 'it\\'s'", "s = 'it''s' AND t = 'it''s'"],
    [String.raw`s = 'a\\%' AND t = 'tab\z' AND u = 'end\\'`, String.raw`s = 'a\%' AND t = 'tab\z' AND u = 'end\\'`],
    [String.raw`s = 'bell\a' AND t = 'new\nline' AND u = 'a\\b'`, "s = 'bell\x07' AND t = 'new\nline' AND u = 'a\\\\b'"],
    ['"and" = 1 AND "x y" = 2 AND "q""uote" = 3 AND date = 4', '"and" = 1 AND "x y" = 2 AND "q""uote" = 3 AND date = 4'],
    ['s_intersects(g, multipoint(1 2, 3 4))', 'S_INTERSECTS(g, MULTIPOINT ((1 2), (3 4)))'],
    ['intersects(g, point(1 2 3))', 'S_INTERSECTS(g, POINT Z (1 2 3))'],
    ["T_AFTER(d, interval(date('2020-01-01'), '..'))", "T_AFTER(d, INTERVAL('2020-01-01', '..'))"],
    ['x = 1.50e2 AND y = .5 AND z = -0', 'x = 150 AND y = 0.5 AND z = 0'],
  ];
  for (const [input, expected] of canonical) {
    it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(toCql2Text(parseCql2Text(input)), expected);
    });
  }
});
