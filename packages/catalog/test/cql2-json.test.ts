import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCql2Text, parseFilter, readCql2Json, toCql2Json } from '../src/cql2/index.js';

const p = (property: string) => ({ property });

/** cql2-json that is not in the standard's canonical form, and the cql2-text that means the same. */
const equivalents: [string, unknown, string][] = [
  ['operator names in upper case', { op: 'S_INTERSECTS', args: [p('g'), { type: 'Point', coordinates: [1, 2] }] }, 'S_INTERSECTS(g, POINT(1 2))'],
  ['camel-case operators in lower case', { op: 't_finishedby', args: [p('a'), p('b')] }, 'T_FINISHEDBY(a, b)'],
  ['isNull in lower case', { op: 'isnull', args: [p('a')] }, 'a IS NULL'],
  ['AND in upper case', { op: 'AND', args: [true, false] }, 'TRUE AND FALSE'],
  ['the legacy a_contained_by', { op: 'a_contained_by', args: [p('x'), ['a']] }, "A_CONTAINEDBY(x, ('a'))"],
  ['the legacy anyinteracts', { op: 'anyinteracts', args: [p('datetime'), { date: '2020-01-01' }] }, "T_INTERSECTS(datetime, DATE('2020-01-01'))"],
  ['the legacy intersects', { op: 'intersects', args: [p('geometry'), { bbox: [0, 0, 1, 1] }] }, 'S_INTERSECTS(geometry, BBOX(0, 0, 1, 1))'],
  [
    'a bare timestamp in a temporal operator (drafts)',
    { op: 't_after', args: [p('datetime'), '2020-01-01T00:00:00Z'] },
    "T_AFTER(datetime, TIMESTAMP('2020-01-01T00:00:00Z'))",
  ],
  [
    'a [start, end] array in a temporal operator (drafts)',
    { op: 'anyinteracts', args: [p('datetime'), ['2020-01-01T00:00:00Z', '..']] },
    "T_INTERSECTS(datetime, INTERVAL('2020-01-01T00:00:00Z', '..'))",
  ],
  ['between as [value, [low, high]] (drafts)', { op: 'between', args: [p('x'), [1, 2]] }, 'x BETWEEN 1 AND 2'],
  ['a function as {"function": …} (drafts)', { op: '>', args: [{ function: { name: 'avg', args: [p('speed')] } }, 4] }, 'avg(speed) > 4'],
  ['casei as {"function": …} (drafts)', { op: '=', args: [{ function: { name: 'CASEI', args: [p('a')] } }, 'x'] }, "CASEI(a) = 'x'"],
  ['a function without args as {"function": …}', { op: '<', args: [p('t'), { function: { name: 'now' } }] }, 't < now()'],
  ['a function with an upper-case name', { op: 'Buffer', args: [p('g'), 1] }, 'Buffer(g, 1)'],
  [
    'a GeoJSON geometry with a bbox member',
    { op: 's_intersects', args: [p('g'), { type: 'Point', coordinates: [1, 2], bbox: [1, 2, 1, 2] }] },
    'S_INTERSECTS(g, POINT(1 2))',
  ],
  ['-0 in a geometry', { op: 's_intersects', args: [p('g'), { type: 'Point', coordinates: [-0, 2] }] }, 'S_INTERSECTS(g, POINT(0 2))'],
  ['-0 as a value', { op: '=', args: [p('a'), -0] }, 'a = 0'],
  [
    'timestamps with trailing zeros',
    { op: 't_during', args: [{ timestamp: '2012-08-10T05:30:00.000000Z' }, { interval: ['2000-01-01T00:00:00.10Z', '..'] }] },
    "T_DURING(TIMESTAMP('2012-08-10T05:30:00Z'), INTERVAL('2000-01-01T00:00:00.1Z', '..'))",
  ],
  [
    'a date in an interval as {"date": …}',
    { op: 't_during', args: [p('d'), { interval: [{ date: '2020-01-01' }, '..'] }] },
    "T_DURING(d, INTERVAL('2020-01-01', '..'))",
  ],
  ['a property as an interval end', { op: 't_during', args: [p('d'), { interval: [p('start'), p('end')] }] }, 'T_DURING(d, INTERVAL(start, end))'],
];

describe('cql2-json beyond the canonical form', () => {
  for (const [name, json, text] of equivalents) {
    it(`reads ${name}`, () => {
      // deepEqual compares numbers with Object.is, so a -0 left in the tree would fail here.
      assert.deepEqual(readCql2Json(json), parseCql2Text(text));
    });
  }
});

describe('the cql2-json writer', () => {
  const written: [string, string, unknown][] = [
    ['camel case for T_FINISHEDBY', 'T_FINISHEDBY(a, b)', { op: 't_finishedBy', args: [p('a'), p('b')] }],
    ['camel case for T_METBY', 'T_METBY(a, b)', { op: 't_metBy', args: [p('a'), p('b')] }],
    ['camel case for T_OVERLAPPEDBY', 'T_OVERLAPPEDBY(a, b)', { op: 't_overlappedBy', args: [p('a'), p('b')] }],
    ['camel case for T_STARTEDBY', 'T_STARTEDBY(a, b)', { op: 't_startedBy', args: [p('a'), p('b')] }],
    ['camel case for A_CONTAINEDBY', 'A_CONTAINEDBY(a, b)', { op: 'a_containedBy', args: [p('a'), p('b')] }],
    ['isNull', 'a IS NULL', { op: 'isNull', args: [p('a')] }],
    ['NOT LIKE as not of like', "a NOT LIKE 'x%'", { op: 'not', args: [{ op: 'like', args: [p('a'), 'x%'] }] }],
    ['functions as op and args', 'f(a, 1) = 2', { op: '=', args: [{ op: 'f', args: [p('a'), 1] }, 2] }],
    ['CASEI as casei', "CASEI(a) = 'x'", { op: '=', args: [{ op: 'casei', args: [p('a')] }, 'x'] }],
    ['the IN list as an array', 'a IN (1, 2)', { op: 'in', args: [p('a'), [1, 2]] }],
    [
      'interval ends as strings, open ends as ".."',
      "T_DURING(d, INTERVAL('2020-01-01', '..'))",
      { op: 't_during', args: [p('d'), { interval: ['2020-01-01', '..'] }] },
    ],
    ['unary minus as multiplication by -1', '-a > 1', { op: '>', args: [{ op: '*', args: [-1, p('a')] }, 1] }],
    ['a 2D BBOX', 'S_INTERSECTS(g, BBOX(0, 0, 1, 1))', { op: 's_intersects', args: [p('g'), { bbox: [0, 0, 1, 1] }] }],
  ];
  for (const [name, text, json] of written) {
    it(`writes ${name}`, () => {
      assert.deepEqual(toCql2Json(parseCql2Text(text)), json);
    });
  }
});

describe('parseFilter with cql2-json', () => {
  const tree = parseCql2Text("collection = 'a' AND eo:cloud_cover < 10");
  const json = {
    op: 'and',
    args: [
      { op: '=', args: [p('collection'), 'a'] },
      { op: '<', args: [p('eo:cloud_cover'), 10] },
    ],
  };

  it('reads a parsed JSON body', () => {
    assert.deepEqual(parseFilter(json, 'cql2-json'), tree);
  });

  it('reads JSON text, as a GET query string carries it', () => {
    assert.deepEqual(parseFilter(JSON.stringify(json), 'cql2-json'), tree);
  });

  it('reports JSON text that does not parse', () => {
    assert.throws(() => parseFilter('{"op": "=", ', 'cql2-json'), {
      code: 'InvalidParameter',
      message: /^filter: with filter-lang=cql2-json the filter must be JSON/,
    });
  });

  it('reports JSON text longer than 100000 characters', () => {
    assert.throws(() => parseFilter(`[${'1,'.repeat(60_000)}1]`, 'cql2-json'), {
      code: 'InvalidParameter',
      message: 'filter: the filter is longer than 100000 characters',
    });
  });

  it('does not read a JSON string as cql2-text', () => {
    assert.throws(() => parseFilter('a = 1', 'cql2-json'), { code: 'InvalidParameter', message: /must be JSON/ });
  });
});
