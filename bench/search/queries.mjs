// The search benchmark's queries: for each, the same deterministic sequence of requests for every server, written
// once as both pqe and stac-fastapi-pgstac understand them (paths relative to the STAC root, POST bodies as
// objects). Parameters that change what the database has to find (boxes, polygons, time windows, ids) change
// from one request to the next, drawn from one seeded stream per query.

import { createRandom } from '../lib/random.mjs';

const round2 = (value) => Math.round(value * 100) / 100;
const DAY_MS = 86_400_000;
// The generated items' datetimes run from 2019-01-01 to 2024-12-31 (bench/ingest/generate-items.mjs).
const FIRST_DAY = Date.UTC(2019, 0, 1);
const LAST_DAY = Date.UTC(2025, 0, 1);

/** The UTC day of `ms`, as RFC 3339 midnight. */
const dayIso = (ms) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().replace('.000Z', 'Z');

/** A `start/end` interval of `days` days starting on a random day of the items' span. */
function window(random, days) {
  const start = random.between(FIRST_DAY, LAST_DAY - days * DAY_MS);
  return `${dayIso(start)}/${dayIso(start + days * DAY_MS)}`;
}

/** A box of `width` x `height` degrees inside the items' area (longitudes -179..179, latitudes -56..72). */
function box(random, width, height) {
  const minx = round2(random.between(-179, 179 - width));
  const miny = round2(random.between(-56, 72 - height));
  return [minx, miny, round2(minx + width), round2(miny + height)];
}

/** An irregular convex hexagon about `radius` degrees across its centre, counter-clockwise and closed. */
function hexagon(random, radius) {
  const cx = random.between(-179 + radius, 179 - radius);
  const cy = random.between(-56 + radius, 72 - radius);
  const ring = [];
  for (let k = 0; k < 6; k++) {
    const angle = (k * Math.PI) / 3 + random.between(-0.3, 0.3);
    const r = radius * random.between(0.7, 1);
    ring.push([round2(cx + r * Math.cos(angle)), round2(cy + r * Math.sin(angle))]);
  }
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * The queries, each with `count` requests. A request is `{ method, path, body? }`; `pages` (paging only) is
 * how many pages to read by following `next` links, timed together; `expect` says what to compare between servers:
 * the ids of the features in order ('features'), the one item's id ('item'), or the collection ids ('collections').
 *
 * @param {{ collections: string[], sample: { collection: string, id: string }[], count: number }} options
 */
export function searchQueries({ collections, sample, count }) {
  const sequence = (seed, make) => {
    const random = createRandom(seed);
    return Array.from({ length: count }, () => make(random));
  };
  return [
    {
      key: 'bbox-datetime',
      title: 'GET /search bbox 10°x10° + 1-year datetime, limit 10',
      expect: 'features',
      requests: sequence(0xb0c5, (r) => {
        const q = new URLSearchParams({ bbox: box(r, 10, 10).join(','), datetime: window(r, 365), limit: '10' });
        return { method: 'GET', path: `/search?${q}` };
      }),
    },
    {
      key: 'intersects',
      title: 'POST /search intersects hexagon ~8° across, limit 10',
      expect: 'features',
      requests: sequence(0x1e75, (r) => ({ method: 'POST', path: '/search', body: { intersects: hexagon(r, 4), limit: 10 } })),
    },
    {
      key: 'sortby',
      title: 'POST /search 1 collection, 90-day datetime, sortby eo:cloud_cover asc, limit 10',
      expect: 'features',
      requests: sequence(0x5047, (r) => ({
        method: 'POST',
        path: '/search',
        body: {
          collections: [r.pick(collections)],
          datetime: window(r, 90),
          sortby: [{ field: 'properties.eo:cloud_cover', direction: 'asc' }],
          limit: 10,
        },
      })),
    },
    {
      key: 'limit-100',
      title: 'GET /search limit 100 (newest first, no filter)',
      expect: 'features',
      requests: sequence(0x100, () => ({ method: 'GET', path: '/search?limit=100' })),
    },
    {
      key: 'paging',
      title: 'GET /search 1 collection + bbox 20°x20°, limit 10: 5 pages by next links, together',
      expect: 'features',
      pages: 5,
      requests: sequence(0x9a6e, (r) => {
        const q = new URLSearchParams({ collections: r.pick(collections), bbox: box(r, 20, 20).join(','), limit: '10' });
        return { method: 'GET', path: `/search?${q}` };
      }),
    },
    {
      key: 'ids',
      title: 'POST /search 10 ids, limit 10',
      expect: 'features',
      requests: sequence(0x1d5, (r) => {
        const ids = new Set();
        while (ids.size < Math.min(10, sample.length)) ids.add(r.pick(sample).id);
        return { method: 'POST', path: '/search', body: { ids: [...ids], limit: 10 } };
      }),
    },
    {
      key: 'item',
      title: 'GET /collections/{c}/items/{id}',
      expect: 'item',
      requests: sequence(0x17e3, (r) => {
        const { collection, id } = r.pick(sample);
        return { method: 'GET', path: `/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(id)}`, id };
      }),
    },
    {
      key: 'filter-property',
      title: 'POST /search 1 collection, CQL2 eo:cloud_cover < 5, limit 10',
      expect: 'features',
      requests: sequence(0xf001, (r) => ({
        method: 'POST',
        path: '/search',
        body: {
          collections: [r.pick(collections)],
          filter: { op: '<', args: [{ property: 'eo:cloud_cover' }, r.int(2, 8)] },
          'filter-lang': 'cql2-json',
          limit: 10,
        },
      })),
    },
    {
      key: 'filter-spatial',
      title: 'POST /search CQL2 S_INTERSECTS with a hexagon ~8° across, limit 10',
      expect: 'features',
      requests: sequence(0xf002, (r) => ({
        method: 'POST',
        path: '/search',
        body: { filter: { op: 's_intersects', args: [{ property: 'geometry' }, hexagon(r, 4)] }, 'filter-lang': 'cql2-json', limit: 10 },
      })),
    },
    {
      key: 'filter-temporal',
      title: 'POST /search 1 collection, CQL2 T_INTERSECTS with a 30-day interval, limit 10',
      expect: 'features',
      requests: sequence(0xf003, (r) => {
        const [start, end] = window(r, 30).split('/');
        return {
          method: 'POST',
          path: '/search',
          body: {
            collections: [r.pick(collections)],
            filter: { op: 't_intersects', args: [{ property: 'datetime' }, { interval: [start, end] }] },
            'filter-lang': 'cql2-json',
            limit: 10,
          },
        };
      }),
    },
    {
      key: 'filter-like',
      title: "POST /search 1 collection, CQL2 id LIKE 'S2B_MSIL2A_<year>%', limit 10",
      expect: 'features',
      requests: sequence(0xf004, (r) => ({
        method: 'POST',
        path: '/search',
        body: {
          collections: [r.pick(collections)],
          filter: { op: 'like', args: [{ property: 'id' }, `S2${r.pick(['A', 'B'])}_MSIL2A_${r.int(2019, 2024)}%`] },
          'filter-lang': 'cql2-json',
          limit: 10,
        },
      })),
    },
    {
      key: 'collections',
      title: 'GET /collections',
      expect: 'collections',
      requests: sequence(0xc011, () => ({ method: 'GET', path: '/collections' })),
    },
  ];
}
