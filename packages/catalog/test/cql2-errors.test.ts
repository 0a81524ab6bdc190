import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { parseCql2Text, parseFilter, readCql2Json, toCql2Json, toCql2Text } from '../src/cql2/index.js';

/** Bad cql2-text and the message a user gets: where (1-based character position, what follows) and why. */
const badText: [string, string][] = [
  ['', 'at position 1 (at the end): the filter is empty'],
  ['eo:cloud_cover < 10 AND )', 'at position 21 (near "AND )"): expected a value after AND'],
  ['a = 1 AND', 'at position 7 (near "AND"): expected a value after AND'],
  ['a = 1 OR OR b = 2', 'at position 7 (near "OR OR b = 2"): expected a value after OR'],
  ['a =', 'at position 3 (near "="): expected a value after ='],
  ['a = 1 div', 'at position 7 (near "div"): expected a value after DIV'],
  ['NOT', 'at position 1 (near "NOT"): expected a value after NOT'],
  ['a = 1 b', 'at position 7 (near "b"): expected an operator or the end of the filter, found "b"'],
  ["a LIKE 'x' ESCAPE '!'", 'at position 12 (near "ESCAPE \'!\'"): expected an operator or the end of the filter, found "ESCAPE"'],
  [
    'eo:cloud_cover',
    'at position 1 (near "eo:cloud_cover"): expected a predicate (such as a comparison), TRUE, FALSE or a function call as the filter, found the property "eo:cloud_cover"',
  ],
  [
    'a = 1 AND b',
    'at position 11 (near "b"): expected a predicate (such as a comparison), TRUE, FALSE or a function call as an argument of AND, found the property "b"',
  ],
  ["a = 'abc", 'at position 5 (near "\'abc"): this string is not closed: a \' is missing'],
  ['a = "abc', 'at position 5 (near "\\"abc"): this property name is not closed: a " is missing'],
  ['"" = 1', 'at position 1 (near "\\"\\" = 1"): a property name in double quotes cannot be empty'],
  ['a != 1', 'at position 3 (near "!= 1"): unexpected character "!"; "not equal" is written <>'],
  ["a IN ['x']", "at position 6 (near \"['x']\"): unexpected character \"[\"; arrays in cql2-text are written in parentheses: ('a', 'b')"],
  ['a = 1;', 'at position 6 (near ";"): unexpected character ";"'],
  ['a = 1 \u0007', 'at position 7 (near "\\u0007"): unexpected character U+0007'],
  ['(a = 1', 'at position 7 (at the end): expected ")" to close the "(" at position 1, found the end of the filter'],
  ['f(1, 2', 'at position 7 (at the end): expected "," or ")" in the arguments of f, found the end of the filter'],
  ['a IN ()', 'at position 6 (near "()"): the list after IN needs at least one value'],
  ['a IN (1, 2', 'at position 11 (at the end): expected "," or ")" in the list after IN that starts at position 6, found the end of the filter'],
  ['a LIKE 5', 'at position 8 (near "5"): expected a string, a property or a function call as the pattern of LIKE, found a number (5)'],
  ['a BETWEEN 1 OR 2', 'at position 13 (near "OR 2"): expected AND between the two bounds of BETWEEN, found "OR"'],
  [
    "a BETWEEN 'x' AND 'y'",
    'at position 11 (near "\'x\' AND \'y\'"): expected a number, an arithmetic expression, a property or a function call as the lower bound of BETWEEN, found a string ("x")',
  ],
  ['a IS NUL', 'at position 6 (near "NUL"): expected NULL or NOT NULL after IS, found "NUL"'],
  ['a NOT = 1', 'at position 3 (near "NOT = 1"): expected LIKE, BETWEEN or IN after NOT'],
  ['a = NULL', 'at position 5 (near "NULL"): NULL can only be tested for, with IS NULL or IS NOT NULL'],
  ['a = NOT b', 'at position 5 (near "NOT b"): NOT applies to a whole condition and cannot stand here'],
  [
    "a + 'x' = 1",
    'at position 5 (near "\'x\' = 1"): expected a number, an arithmetic expression, a property or a function call as the right side of +, found a string ("x")',
  ],
  [
    '(a = 1) = TRUE',
    'at position 2 (near "a = 1) = TRUE"): expected a property, a function call or a value (string, number, boolean, DATE or TIMESTAMP) as the left side of =, found a comparison (=)',
  ],
  ['S_INTERSECTS(g)', 'at position 1 (near "S_INTERSECTS(g)"): S_INTERSECTS takes two arguments, found 1'],
  [
    "S_INTERSECTS(g, 'POINT(1 2)')",
    'at position 17 (near "\'POINT(1 2)\')"): expected a geometry, a BBOX, a property or a function call as the 2nd argument of S_INTERSECTS, found a string ("POINT(1 2)")',
  ],
  [
    "T_AFTER(d, '2020-01-01')",
    'at position 12 (near "\'2020-01-01\')"): expected a DATE, TIMESTAMP, INTERVAL, property or function call as the 2nd argument of T_AFTER, found a string ("2020-01-01")',
  ],
  ['A_CONTAINS(x, 1)', 'at position 15 (near "1)"): expected an array, a property or a function call as the 2nd argument of A_CONTAINS, found a number (1)'],
  ['CASEI(a, b) = 1', 'at position 1 (near "CASEI(a, b) = 1"): CASEI takes one argument, found 2'],
  ['"a"(1) = 1', 'at position 1 (near "\\"a\\"(1) = 1"): "a" is in double quotes, so it names a property, not a function'],
  ["d = DATE('2020-02-30')", 'at position 10 (near "\'2020-02-30\')"): "2020-02-30" is not a date (YYYY-MM-DD, such as 2020-06-01)'],
  ['d = DATE(2020)', 'at position 10 (near "2020)"): expected a date in quotes, such as \'2020-06-01\', found "2020"'],
  [
    "t = TIMESTAMP('2020-01-01T25:00:00Z')",
    'at position 15 (near "\'2020-01-01T25:00:00…"): "2020-01-01T25:00:00Z" is not an RFC 3339 timestamp (such as 2020-06-01T12:00:00Z)',
  ],
  ["t = TIMESTAMP('2020-01-01')", 'at position 15 (near "\'2020-01-01\')"): "2020-01-01" is not an RFC 3339 timestamp (such as 2020-06-01T12:00:00Z)'],
  ["T_DURING(d, INTERVAL('2020-01-02', '2020-01-01'))", 'at position 13 (near "INTERVAL(\'2020-01-02…"): the interval ends before it starts'],
  [
    "T_DURING(d, INTERVAL('yesterday', '..'))",
    "at position 22 (near \"'yesterday', '..'))\"): \"yesterday\" is not a date (YYYY-MM-DD), a timestamp (RFC 3339) or '..' (open)",
  ],
  ["T_DURING(d, INTERVAL('2020-01-01'))", 'at position 34 (near "))"): expected "," between the start and the end of the INTERVAL, found ")"'],
  ['S_INTERSECTS(g, POINT(1))', 'at position 23 (near "1))"): a point has 2 or 3 coordinates (x y or x y z), found 1'],
  ['S_INTERSECTS(g, POINT(200 0))', 'at position 23 (near "200 0))"): longitude 200 is outside [-180, 180]'],
  ['S_INTERSECTS(g, POINT(0 -91))', 'at position 25 (near "-91))"): latitude -91 is outside [-90, 90]'],
  ['S_INTERSECTS(g, LINESTRING(0 0))', 'at position 27 (near "(0 0))"): a LINESTRING needs at least 2 points, found 1'],
  ['S_INTERSECTS(g, POLYGON((0 0, 1 0, 0 0)))', 'at position 25 (near "(0 0, 1 0, 0 0)))"): a POLYGON ring needs at least 4 points, found 3'],
  [
    'S_INTERSECTS(g, POLYGON((0 0, 1 0, 1 1, 0 1)))',
    'at position 25 (near "(0 0, 1 0, 1 1, 0 1)…"): this POLYGON ring is not closed: it starts at (0 0) and ends at (0 1)',
  ],
  ['S_INTERSECTS(g, LINESTRING(0 0, 1 1 1))', 'at position 33 (near "1 1 1))"): this point has 3 coordinates but the first point of this LINESTRING has 2'],
  ['S_INTERSECTS(g, POINT Z(1 2))', 'at position 25 (near "1 2))"): this point has 2 coordinates but POINT Z has 3'],
  ['S_INTERSECTS(g, POINT EMPTY)', 'at position 23 (near "EMPTY)"): empty geometries (POINT EMPTY) are not supported'],
  ['S_INTERSECTS(g, POINT(a b))', 'at position 23 (near "a b))"): expected a number, found "a"'],
  ['S_INTERSECTS(g, BBOX(0, 0, 1))', 'at position 17 (near "BBOX(0, 0, 1))"): a bbox has 4 numbers (west, south, east, north) or 6 (with heights), not 3'],
  ['S_INTERSECTS(g, BBOX(0, 10, 1, 0))', 'at position 17 (near "BBOX(0, 10, 1, 0))"): the bbox south is greater than its north'],
  ['x = 1e999', 'at position 5 (near "1e999"): the number 1e999 is too large'],
  ['höhe = 1 AND §', 'at position 14 (near "§"): unexpected character "§"'],
  [`${'('.repeat(101)}a = 1${')'.repeat(101)}`, `at position 101 (near "(a = 1))))))))))))))…"): the filter is nested more than 100 levels deep`],
  [`${'NOT '.repeat(100)}a = 1`, 'at position 1 (near "NOT NOT NOT NOT NOT …"): the filter is nested more than 100 levels deep'],
  ['x'.repeat(100_001), 'at position 100001 (near "x"): the filter is longer than 100000 characters'],
];

/** Bad cql2-json and the message: the JSON path of the offending value, and why. */
const badJson: [string, unknown, string][] = [
  ['null', null, 'filter: null is not a CQL2 value; test for a missing value with {"op": "isNull", "args": [...]}'],
  ['a number', 5, 'filter: expected a predicate (such as a comparison), TRUE, FALSE or a function call as the filter, found a number (5)'],
  [
    'an empty object',
    {},
    'filter: expected a CQL2 expression: a string, number, boolean, array, or an object with "op", "property", "timestamp", "date", "interval", "bbox" or a GeoJSON "type"',
  ],
  ['a draft-style operator', { and: [] }, 'filter: operators are written {"op": "and", "args": [...]} in CQL2 JSON, not {"and": [...]}'],
  ['a draft-style unknown operator', { eq: [1, 1] }, 'filter: operators are written {"op": …, "args": [...]} in CQL2 JSON, not {"eq": [...]}'],
  ['an op that is not a string', { op: 5, args: [] }, 'filter.op: expected the name of an operator or function (a string)'],
  ['missing args', { op: '=' }, 'filter.args: "=" needs "args", an array of arguments'],
  ['args that are not an array', { op: '=', args: 'x' }, 'filter.args: expected an array of arguments'],
  ['too few arguments', { op: '=', args: [1] }, 'filter.args: = takes 2 arguments, found 1'],
  ['AND of one', { op: 'and', args: [true] }, 'filter.args: and takes at least 2 arguments, found 1'],
  ['NOT of none', { op: 'not', args: [] }, 'filter.args: not takes 1 argument, found 0'],
  [
    'a property as an argument of AND',
    { op: 'and', args: [true, { property: 'a' }] },
    'filter.args[1]: expected a predicate (such as a comparison), TRUE, FALSE or a function call as an argument of and, found the property "a"',
  ],
  ['an unknown symbolic operator', { op: '==', args: [1, 1] }, 'filter.op: unknown operator "=="'],
  ['a keyword as a function name', { op: 'date', args: [] }, 'filter.op: "date" is a CQL2 keyword and cannot name a function'],
  ['an IN list that is not an array', { op: 'in', args: [{ property: 'a' }, 5] }, 'filter.args[1]: expected the list of values (an array)'],
  ['an empty IN list', { op: 'in', args: [{ property: 'a' }, []] }, 'filter.args[1]: the list of values of in cannot be empty'],
  ['BETWEEN of two', { op: 'between', args: [{ property: 'a' }, 1] }, 'filter.args: between takes 3 arguments (value, low, high), found 2'],
  [
    'a deep wrong operand',
    { op: 'and', args: [{ op: '=', args: [{ property: 'a' }, { op: '+', args: [1, 'x'] }] }, true] },
    'filter.args[0].args[1].args[1]: expected a number, an arithmetic expression, a property or a function call as the 2nd argument of +, found a string ("x")',
  ],
  ['an empty property name', { op: '=', args: [{ property: '' }, 1] }, 'filter.args[0].property: expected a property name (a non-empty string)'],
  [
    'null as a value',
    { op: '=', args: [{ property: 'a' }, null] },
    'filter.args[1]: null is not a CQL2 value; test for a missing value with {"op": "isNull", "args": [...]}',
  ],
  [
    'a point out of range',
    { op: 's_intersects', args: [{ property: 'g' }, { type: 'Point', coordinates: [200, 0] }] },
    'filter.args[1].coordinates [200, 0] is outside longitude [-180, 180] / latitude [-90, 90]',
  ],
  [
    'a ring that is not closed',
    {
      op: 's_intersects',
      args: [
        { property: 'g' },
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
      ],
    },
    'filter.args[1].coordinates[0] is not closed: its first and last positions differ',
  ],
  [
    'a Feature instead of a geometry',
    { op: 's_intersects', args: [{ property: 'g' }, { type: 'Feature' }] },
    'filter.args[1].type is "Feature"; expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection',
  ],
  [
    'a bbox of 3 numbers',
    { op: 's_intersects', args: [{ property: 'g' }, { bbox: [0, 0, 1] }] },
    'filter.args[1].bbox: a bbox has 4 numbers (west, south, east, north) or 6 (with heights), not 3',
  ],
  [
    'a timestamp without time',
    { op: 't_after', args: [{ property: 'a' }, { timestamp: '2020-01-01' }] },
    'filter.args[1].timestamp: "2020-01-01" is not an RFC 3339 timestamp (such as 2020-06-01T12:00:00Z)',
  ],
  [
    'a date that does not exist',
    { op: 't_after', args: [{ property: 'a' }, { date: '2021-02-29' }] },
    'filter.args[1].date: "2021-02-29" is not a date (YYYY-MM-DD, such as 2020-06-01)',
  ],
  [
    'an interval of one end',
    { op: 't_after', args: [{ property: 'a' }, { interval: ['2020-01-01'] }] },
    'filter.args[1].interval: an interval is an array of two ends: [start, end], where ".." is open',
  ],
  [
    'a backwards interval',
    { op: 't_after', args: [{ property: 'a' }, { interval: ['2020-01-02', '2020-01-01'] }] },
    'filter.args[1].interval: the interval ends before it starts',
  ],
  [
    'a number as an interval end',
    { op: 't_after', args: [{ property: 'a' }, { interval: [5, '..'] }] },
    "filter.args[1].interval[0]: expected a date or timestamp string, '..', a property or a function call as an end of the interval",
  ],
  ["'..' outside an interval", { op: 't_after', args: [{ property: 'a' }, '..'] }, "filter.args[1]: '..' can only be an end of an interval"],
  [
    'a word as an instant',
    { op: 't_after', args: [{ property: 'a' }, 'soon'] },
    'filter.args[1]: "soon" is not a date (YYYY-MM-DD), a timestamp (RFC 3339) or \'..\' (open)',
  ],
  ['CASEI of two', { op: 'casei', args: [1, 2] }, 'filter.args: casei takes one argument, found 2'],
  ['an operator as a draft function', { function: { name: 'and', args: [] } }, 'filter.function.name: and is an operator: write {"op": "and", "args": […]}'],
  [
    'an array tested for null',
    { op: 'isNull', args: [[1]] },
    'filter.args[0]: expected a property, a function call, a value or a predicate as the argument of isNull, found an array',
  ],
  ['infinity', { op: '=', args: [{ property: 'a' }, Number.POSITIVE_INFINITY] }, 'filter.args[1]: numbers must be finite'],
  ['undefined', undefined, 'filter: expected a CQL2 expression, found nothing'],
];

describe('bad cql2-text', () => {
  for (const [text, message] of badText) {
    it(`is refused with a message: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`, () => {
      assert.throws(
        () => parseCql2Text(text),
        (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.equal(error.code, 'InvalidParameter');
          assert.equal(error.status, 400);
          assert.equal(error.message, `filter: ${message}`);
          return true;
        },
      );
    });
  }
});

describe('bad cql2-json', () => {
  for (const [name, json, message] of badJson) {
    it(`is refused with a message: ${name}`, () => {
      assert.throws(
        () => readCql2Json(json),
        (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.equal(error.code, 'InvalidParameter');
          assert.equal(error.message, message);
          return true;
        },
      );
    });
  }
});

describe('nesting limits', () => {
  const comparison = { op: '=', args: [{ property: 'a' }, 1] };
  const nots = (n: number) => {
    let json: unknown = comparison;
    for (let i = 0; i < n; i++) json = { op: 'not', args: [json] };
    return json;
  };

  it('allow 100 levels in cql2-text', () => {
    assert.equal(parseCql2Text(`${'NOT '.repeat(99)}a = 1`).kind, 'not');
  });

  it('allow 100 levels in cql2-json, and the tree can be written as text', () => {
    assert.equal(parseCql2Text(toCql2Text(readCql2Json(nots(99)))).kind, 'not');
  });

  it('refuse 101 levels in cql2-json', () => {
    assert.throws(() => readCql2Json(nots(100)), { code: 'InvalidParameter', message: /nested more than 100 levels deep$/ });
  });

  const deepText: [string, string][] = [
    ['parentheses', `${'('.repeat(20_000)}a = 1${')'.repeat(20_000)}`],
    ['NOTs', `${'NOT '.repeat(20_000)}a = 1`],
    ['unary minuses', `a = ${'-'.repeat(50_000)}1`],
    ['powers', `a = ${'2 ^ '.repeat(20_000)}2`],
    ['a chain of additions', `a = ${'1 + '.repeat(20_000)}1`],
    ['function calls', `${'f('.repeat(30_000)}`],
    ['arrays', `A_CONTAINS(x, ${'('.repeat(30_000)}`],
  ];
  for (const [name, text] of deepText) {
    it(`refuse deep ${name} in cql2-text without exhausting the stack`, () => {
      assert.throws(() => parseCql2Text(text), { code: 'InvalidParameter', message: /nested more than 100 levels deep$/ });
    });
  }

  it('refuse deep arrays in cql2-json without exhausting the stack', () => {
    assert.throws(() => parseFilter(`${'['.repeat(40_000)}${']'.repeat(40_000)}`, 'cql2-json'), {
      code: 'InvalidParameter',
      message: /nested more than 100 levels deep$/,
    });
  });

  it('refuse a JSON tree a million levels deep', () => {
    assert.throws(() => readCql2Json(nots(1_000_000)), { code: 'InvalidParameter', message: /nested more than 100 levels deep$/ });
  });
});

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// biome-ignore format: a table reads better packed
const textPieces = [
  'a', 'eo:cloud_cover', '"q x"', "'s'", "'%'", '1', '-2.5', '1e3', '.5', '(', ')', ',', '=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^', 'div',
  'AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'false', 'CASEI', 'ACCENTI', 'DATE', 'TIMESTAMP', 'INTERVAL', "'2020-01-01'",
  "'2020-01-01T00:00:00Z'", "'..'", 'BBOX', 'POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION', 'Z', 'EMPTY',
  'S_INTERSECTS', 'T_BEFORE', 'T_DURING', 'A_CONTAINS', 'intersects', 'f', ' ', '0 0', '1 1', "'", '"', '\\', '!', '[', ']', '.', ':', 'é', '😀', '\u2003', '\n',
];
const textSeeds = [
  "eo:cloud_cover < 0.1 AND landsat:wrs_row = 28 OR NOT platform IN ('a', 'b')",
  "S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 0))) AND T_AFTER(datetime, TIMESTAMP('2020-01-01T00:00:00Z'))",
  "a NOT BETWEEN 1 AND 2 OR c IS NOT NULL OR CASEI(d) LIKE CASEI('x%')",
  "A_OVERLAPS(x, ('a', ('b'), ())) AND f(1, (2), g()) = -a ^ 2 div 3 % (4 - b)",
  "T_DURING(INTERVAL('2020-01-01', '..'), INTERVAL(a, f(b))) AND S_WITHIN(g, BBOX(-10, -10, 0, 10, 10, 5))",
  'S_CROSSES(g, MULTILINESTRING((0 0, 1 1), (2 2, 3 3))) OR S_EQUALS(g, GEOMETRYCOLLECTION(POINT(1 2), MULTIPOINT(1 2, 3 4)))',
];

function expectAppErrorOrRoundTrip(read: () => ReturnType<typeof parseCql2Text>, input: unknown): boolean {
  let tree: ReturnType<typeof parseCql2Text>;
  try {
    tree = read();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'InvalidParameter' || !error.message.startsWith('filter')) {
      assert.fail(`${JSON.stringify(input)} threw ${String(error)}`);
    }
    return false;
  }
  assert.deepEqual(parseCql2Text(toCql2Text(tree)), tree, `text round trip of ${JSON.stringify(input)}`);
  assert.deepEqual(readCql2Json(JSON.parse(JSON.stringify(toCql2Json(tree)))), tree, `JSON round trip of ${JSON.stringify(input)}`);
  return true;
}

describe('fuzzing', () => {
  it('every random or mutated cql2-text either parses and round-trips, or throws an AppError', () => {
    const random = prng(20_240_601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let parsed = 0;
    for (let i = 0; i < 4000; i++) {
      let text: string;
      if (i % 2 === 0) {
        text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(textPieces)).join(random() < 0.5 ? ' ' : '');
      } else {
        const chars = Array.from(pick(textSeeds));
        for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
          const at = Math.floor(random() * chars.length);
          const r = random();
          if (r < 0.33) chars.splice(at, 1);
          else if (r < 0.66) chars.splice(at, 0, pick(textPieces));
          else chars[at] = pick(textPieces);
        }
        text = chars.join('');
      }
      if (expectAppErrorOrRoundTrip(() => parseCql2Text(text), text)) parsed += 1;
    }
    // Enough inputs must parse for the round-trip half of the property to mean something.
    assert.ok(parsed > 200, `only ${parsed} parsed`);
  });

  it('every random or mutated cql2-json either reads and round-trips, or throws an AppError', () => {
    const random = prng(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const ops = [
      'and',
      'or',
      'not',
      '=',
      '<>',
      '<',
      'like',
      'between',
      'in',
      'isNull',
      'casei',
      'accenti',
      's_intersects',
      's_within',
      't_before',
      't_finishedBy',
      'a_containedBy',
    ];
    const moreOps = [...ops, 'anyinteracts', '+', '-', '*', 'div', '^', 'f', 'Buffer', 'date', '==', '', 'AND'];
    // biome-ignore format: a table reads better packed
    const leaves: unknown[] = [
      1, -0, 2.5, 'x', '2020-01-01', '2020-01-01T00:00:00Z', '..', true, false, null, { property: 'p' }, { property: '' }, { timestamp: '2020-01-01T00:00:00Z' },
      { date: '2020-02-30' }, { date: '2020-02-03' }, { interval: ['2020-01-01', '..'] }, { interval: [{ property: 'a' }, '2020-01-01T00:00:00Z'] },
      { bbox: [0, 0, 1, 1] }, { bbox: [0, 0] }, { type: 'Point', coordinates: [1, 2] }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2, 3] }] }, { function: { name: 'g', args: [1] } }, [], {}, { eq: [1, 2] },
    ];
    const generate = (depth: number): unknown => {
      const r = random();
      if (depth > 4 || r < 0.3) return structuredClone(pick(leaves));
      if (r < 0.4) return Array.from({ length: Math.floor(random() * 3) }, () => generate(depth + 1));
      return { op: pick(random() < 0.8 ? ops : moreOps), args: Array.from({ length: Math.floor(random() * 4) }, () => generate(depth + 1)) };
    };
    let parsed = 0;
    for (let i = 0; i < 4000; i++) {
      const json = generate(0);
      if (expectAppErrorOrRoundTrip(() => readCql2Json(json), json)) parsed += 1;
    }
    assert.ok(parsed > 100, `only ${parsed} parsed`);
  });
});
