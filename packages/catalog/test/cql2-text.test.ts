import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BooleanExpression, type Cql2Expression, parseCql2Text, parseFilter } from '../src/cql2/index.js';

const prop = (name: string) => ({ kind: 'property', name }) as const;
const num = (value: number) => ({ kind: 'number', value }) as const;
const str = (value: string) => ({ kind: 'string', value }) as const;
const eq = (left: Cql2Expression, right: Cql2Expression) => ({ kind: 'comparison', op: '=', args: [left, right] }) as BooleanExpression;
const point = (...coordinates: number[]) => ({ kind: 'geometry', geometry: { type: 'Point', coordinates } }) as const;
const intersects = (a: Cql2Expression, b: Cql2Expression) => ({ kind: 'spatial', op: 's_intersects', args: [a, b] }) as BooleanExpression;

function parsesTo(cases: readonly (readonly [string, string, BooleanExpression])[]): void {
  for (const [name, text, expected] of cases) {
    it(`reads ${name}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseCql2Text(text), expected);
    });
  }
}

describe('cql2-text keywords and spacing', () => {
  parsesTo([
    [
      'keywords in any case',
      'a = 1 and b is not null',
      { kind: 'and', args: [eq(prop('a'), num(1)), { kind: 'not', arg: { kind: 'isNull', arg: prop('b') } }] },
    ],
    ['mixed-case keywords', 'x Between 1 aNd 2', { kind: 'between', args: [prop('x'), num(1), num(2)] }],
    [
      'lower-case operators and literals',
      's_intersects(g, point(1 2)) AND t = true',
      { kind: 'and', args: [intersects(prop('g'), point(1, 2)), eq(prop('t'), { kind: 'boolean', value: true })] },
    ],
    ['no spaces at all', 'floors>5', { kind: 'comparison', op: '>', args: [prop('floors'), num(5)] }],
    ['line breaks and tabs', '\n\ta\n=\t1\n', eq(prop('a'), num(1))],
    ['Unicode spaces', 'a\u2003=\u00a01', eq(prop('a'), num(1))],
    ['NOT before a LIKE, as NOT LIKE', "NOT name LIKE 'foo%'", { kind: 'not', arg: { kind: 'like', args: [prop('name'), str('foo%')] } }],
    ['a keyword as a property when no "(" follows', 'date = 1', eq(prop('date'), num(1))],
    ['a geometry keyword as a property', 'point = 1', eq(prop('point'), num(1))],
  ]);
});

describe('cql2-text literals', () => {
  parsesTo([
    ["'' inside a string", "a = 'it''s'", eq(prop('a'), str("it's"))],
    ["\\' inside a string", "a = 'it\\'s'", eq(prop('a'), str("it's"))],
    ['control escapes', "a = '\\t\\n\\r\\a\\b\\v\\f'", eq(prop('a'), str('\t\n\r\x07\b\v\f'))],
    ['an escaped backslash', "a = 'x\\\\y'", eq(prop('a'), str('x\\y'))],
    ['a backslash before an ordinary character, kept', "a LIKE '50\\%'", { kind: 'like', args: [prop('a'), str('50\\%')] }],
    ['an empty string', "a = ''", eq(prop('a'), str(''))],
    ['Unicode in a string', "a = 'Straße 😀'", eq(prop('a'), str('Straße 😀'))],
    ['a decimal without integer part', 'a = .5', eq(prop('a'), num(0.5))],
    ['a decimal without fraction', 'a = 5.', eq(prop('a'), num(5))],
    ['an exponent', 'a = 1.5E3', eq(prop('a'), num(1500))],
    ['a negative exponent', 'a = 25e-2', eq(prop('a'), num(0.25))],
    ['a signed exponent', 'a = 1e+2', eq(prop('a'), num(100))],
    ['a plus sign', 'a = +5', eq(prop('a'), num(5))],
    ['minus zero as zero', 'a = -0', eq(prop('a'), num(0))],
    ['a double-quoted name with a quote in it', '"a""b" = 1', eq(prop('a"b'), num(1))],
    ['a double-quoted reserved word', '"AND" = 1', eq(prop('AND'), num(1))],
    ['names with colons, dots and digits', 'properties.eo:cloud_cover2 = 1', eq(prop('properties.eo:cloud_cover2'), num(1))],
    ['a name starting with a colon or underscore', '_a = :b', eq(prop('_a'), prop(':b'))],
    ['non-ASCII names', 'höhe = größe', eq(prop('höhe'), prop('größe'))],
    ['names beyond the Basic Multilingual Plane', '😀 = 1', eq(prop('😀'), num(1))],
    ['a timestamp with fractions', "t = TIMESTAMP('2020-01-01T00:00:00.123456Z')", eq(prop('t'), { kind: 'timestamp', value: '2020-01-01T00:00:00.123456Z' })],
    [
      'a timestamp with an offset (RFC 3339)',
      "t = TIMESTAMP('2020-01-01T01:00:00+01:00')",
      eq(prop('t'), { kind: 'timestamp', value: '2020-01-01T01:00:00+01:00' }),
    ],
    [
      'a timestamp spelled the one way (upper case, no trailing zeros)',
      "t = TIMESTAMP('2020-01-01t00:00:00.500000z')",
      eq(prop('t'), { kind: 'timestamp', value: '2020-01-01T00:00:00.5Z' }),
    ],
    ['a timestamp with a fraction of zeros', "t = TIMESTAMP('2020-01-01T00:00:00.000Z')", eq(prop('t'), { kind: 'timestamp', value: '2020-01-01T00:00:00Z' })],
    ['a leap day', "d = DATE('2024-02-29')", eq(prop('d'), { kind: 'date', value: '2024-02-29' })],
  ]);
});

describe('cql2-text geometries', () => {
  const ring = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 0],
  ];
  parsesTo([
    ['a space after the keyword', 'S_INTERSECTS(g, POINT (1 2))', intersects(prop('g'), point(1, 2))],
    ['a 3D point without Z', 'S_INTERSECTS(g, POINT(1 2 3))', intersects(prop('g'), point(1, 2, 3))],
    ['POINTZ spelled with a space', 'S_INTERSECTS(g, point z (1 2 3))', intersects(prop('g'), point(1, 2, 3))],
    ['signed coordinates', 'S_INTERSECTS(g, POINT(-1.5 +2))', intersects(prop('g'), point(-1.5, 2))],
    [
      'MULTIPOINT without inner parentheses',
      'S_INTERSECTS(g, MULTIPOINT(1 2, 3 4))',
      intersects(prop('g'), {
        kind: 'geometry',
        geometry: {
          type: 'MultiPoint',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        },
      }),
    ],
    [
      'MULTIPOINT mixing both forms',
      'S_INTERSECTS(g, MULTIPOINT((1 2), 3 4))',
      intersects(prop('g'), {
        kind: 'geometry',
        geometry: {
          type: 'MultiPoint',
          coordinates: [
            [1, 2],
            [3, 4],
          ],
        },
      }),
    ],
    [
      'a polygon',
      'S_INTERSECTS(g, POLYGON((0 0, 1 0, 1 1, 0 0)))',
      intersects(prop('g'), { kind: 'geometry', geometry: { type: 'Polygon', coordinates: [ring] } }),
    ],
    [
      'a 3D GEOMETRYCOLLECTION',
      'S_INTERSECTS(g, GEOMETRYCOLLECTION Z (POINT Z (1 2 3), LINESTRING (0 0 0, 1 1 1)))',
      intersects(prop('g'), {
        kind: 'geometry',
        geometry: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Point', coordinates: [1, 2, 3] },
            {
              type: 'LineString',
              coordinates: [
                [0, 0, 0],
                [1, 1, 1],
              ],
            },
          ],
        },
      }),
    ],
    ['a BBOX crossing the antimeridian', 'S_INTERSECTS(g, BBOX(170, -10, -170, 10))', intersects(prop('g'), { kind: 'bbox', bbox: [170, -10, -170, 10] })],
  ]);
});

describe('cql2-text legacy spellings', () => {
  parsesTo([
    ['INTERSECTS as S_INTERSECTS', 'INTERSECTS(g, POINT(1 2))', intersects(prop('g'), point(1, 2))],
    [
      'ANYINTERACTS as T_INTERSECTS',
      "anyinteracts(datetime, DATE('2020-01-01'))",
      { kind: 'temporal', op: 't_intersects', args: [prop('datetime'), { kind: 'date', value: '2020-01-01' }] },
    ],
    [
      'A_CONTAINED_BY as A_CONTAINEDBY',
      "a_contained_by(x, ('a'))",
      { kind: 'arrayPredicate', op: 'a_containedby', args: [prop('x'), { kind: 'array', items: [str('a')] }] },
    ],
    [
      'DATE() inside INTERVAL',
      "T_DURING(d, INTERVAL(DATE('2020-01-01'), TIMESTAMP('2020-02-01T00:00:00Z')))",
      {
        kind: 'temporal',
        op: 't_during',
        args: [prop('d'), { kind: 'interval', start: { kind: 'date', value: '2020-01-01' }, end: { kind: 'timestamp', value: '2020-02-01T00:00:00Z' } }],
      },
    ],
  ]);
});

describe('cql2-text parentheses', () => {
  parsesTo([
    ['redundant parentheses around a predicate', '((((a = 1))))', eq(prop('a'), num(1))],
    ['parentheses around a value', 'a = (((1)))', eq(prop('a'), num(1))],
    [
      'a parenthesised function argument as an array of one',
      'f((1)) = 0',
      eq({ kind: 'function', name: 'f', args: [{ kind: 'array', items: [num(1)] }] }, num(0)),
    ],
    [
      'a parenthesised part of a function argument as a group',
      'f((1) + 2) = 0',
      eq({ kind: 'function', name: 'f', args: [{ kind: 'arithmetic', op: '+', args: [num(1), num(2)] }] }, num(0)),
    ],
    ['a function of no arguments', 'now() > t', { kind: 'comparison', op: '>', args: [{ kind: 'function', name: 'now', args: [] }, prop('t')] }],
    ['function names keep their case', 'Buffer(g) IS NULL', { kind: 'isNull', arg: { kind: 'function', name: 'Buffer', args: [prop('g')] } }],
    [
      'CASEI in any case, named casei',
      "casei(a) = CaseI('x')",
      eq({ kind: 'function', name: 'casei', args: [prop('a')] }, { kind: 'function', name: 'casei', args: [str('x')] }),
    ],
    ['a predicate tested for NULL', '(a = 1) IS NULL', { kind: 'isNull', arg: eq(prop('a'), num(1)) }],
  ]);
});

describe('parseFilter with cql2-text', () => {
  it('reads a string', () => {
    assert.deepEqual(parseFilter('a = 1', 'cql2-text'), eq(prop('a'), num(1)));
  });

  it('refuses anything but a string', () => {
    assert.throws(() => parseFilter({ op: '=', args: [] }, 'cql2-text'), { code: 'InvalidParameter', message: /must be a string/ });
  });

  it('reads the longest filter it allows', () => {
    const text = `a IN (${Array.from({ length: 16_000 }, (_, i) => i).join(',')})`;
    assert.ok(text.length < 100_000);
    const tree = parseCql2Text(text);
    assert.equal(tree.kind === 'in' && tree.list.length, 16_000);
  });

  it('reads a filter of thousands of parenthesised predicates', () => {
    const tree = parseCql2Text(Array.from({ length: 7000 }, (_, i) => `(a = ${i})`).join(' OR '));
    assert.equal(tree.kind === 'or' && tree.args.length, 7000);
  });

  it('reads a flat chain of a thousand ORs as one node', () => {
    const tree = parseCql2Text(Array.from({ length: 1000 }, (_, i) => `a = ${i}`).join(' OR '));
    assert.equal(tree.kind === 'or' && tree.args.length, 1000);
  });
});
