import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '@pqe/common';
import { spatialExtentOf } from '../src/demo/collection-summary.js';
import { type DemoCatalog, generateDemoCatalog, MAX_DEMO_SCALE } from '../src/demo/demo-catalog.js';
import { type Bbox, footprintOf, type LonLat, rotatedSquare } from '../src/demo/footprints.js';
import { utmEpsg, utmZone } from '../src/demo/utm-zone.js';
import { collectionConfigSchema } from '../src/render-configs/render-config.js';
import type { JsonObject } from '../src/stac/dehydrate.js';
import { checkCollection, checkItem } from '../src/stac/validate-item.js';

const catalog = generateDemoCatalog();

function itemsOf(c: DemoCatalog, collection: string): JsonObject[] {
  return c.items.filter((item) => item.collection === collection);
}

function propertiesOf(item: JsonObject): JsonObject {
  return item.properties as JsonObject;
}

/** Every position of a GeoJSON geometry, however deeply nested. */
function positionsOf(geometry: JsonObject): number[][] {
  const out: number[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') out.push(value as number[]);
    else if (Array.isArray(value)) for (const inner of value) walk(inner);
  };
  walk(geometry.coordinates);
  return out;
}

/** Whether a bbox holds a longitude, reading a bbox with west > east as crossing the antimeridian. */
function holdsLon(bbox: readonly number[], lon: number): boolean {
  const [west, , east] = bbox as Bbox;
  return west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
}

function holdsPosition(bbox: readonly number[], [lon, lat]: number[]): boolean {
  return holdsLon(bbox, lon as number) && (lat as number) >= (bbox[1] as number) && (lat as number) <= (bbox[3] as number);
}

describe('the demo catalog', () => {
  it('has the four demo collections with 150, 60, 24 and 30 items at scale 1', () => {
    const counts = Object.fromEntries(catalog.collections.map((c) => [c.id, itemsOf(catalog, c.id as string).length]));
    assert.deepEqual(counts, { 'demo-optical': 150, 'demo-sar': 60, 'demo-climate-monthly': 24, 'demo-pacific': 30 });
  });

  it('has only items that the catalog validator accepts', () => {
    for (const item of catalog.items) {
      const check = checkItem(item);
      assert.ok(check.ok, `${String(item.id)}: ${check.ok ? '' : check.reason}`);
    }
  });

  it('has only collections that the catalog validator accepts', () => {
    for (const collection of catalog.collections) {
      const check = checkCollection(collection);
      assert.ok(check.ok, `${String(collection.id)}: ${check.ok ? '' : check.reason}`);
    }
  });

  it('has a valid render config for every collection, none of them hidden', () => {
    assert.deepEqual(Object.keys(catalog.renderConfigs).sort(), catalog.collections.map((c) => c.id as string).sort());
    for (const [id, config] of Object.entries(catalog.renderConfigs)) {
      const parsed = collectionConfigSchema.safeParse(config);
      assert.ok(parsed.success, `${id}: ${parsed.success ? '' : parsed.error.message}`);
      assert.equal(parsed.data.render_config.hidden, false, id);
      // As the Planetary Computer's configs: assets are listed once, in render_config.assets, so that the tiler
      // links built from the config name each asset once.
      assert.ok((parsed.data.render_config.assets?.length ?? 0) > 0, id);
      assert.equal((parsed.data.render_config.render_params as Record<string, unknown> | undefined)?.assets, undefined, id);
      assert.ok(
        parsed.data.mosaic_info?.renderOptions?.every((option) => option.options.startsWith('assets=')),
        id,
      );
    }
  });

  it('is the same for the same seed and different for another', () => {
    assert.deepEqual(generateDemoCatalog({ seed: 7 }), generateDemoCatalog({ seed: 7 }));
    assert.notDeepEqual(generateDemoCatalog({ seed: 7 }), generateDemoCatalog({ seed: 8 }));
    assert.deepEqual(generateDemoCatalog(), catalog);
  });

  it('takes asset hrefs from assetHref and changes nothing else', () => {
    const asked: string[] = [];
    const withHrefs = generateDemoCatalog({
      assetHref: ({ collection, itemId, key, extension }) => {
        asked.push(`${collection}/${itemId}/${key}.${extension}`);
        return extension === 'tif' ? `file:///demo/${collection}/${itemId}/${key}.tif` : undefined;
      },
    });
    const dataAssets = catalog.items.flatMap((item) => Object.keys(item.assets as JsonObject).map((key) => ({ item, key })));
    assert.equal(asked.length, dataAssets.length);
    for (const item of withHrefs.items) {
      for (const [key, asset] of Object.entries(item.assets as JsonObject)) {
        const href = (asset as JsonObject).href as string;
        if (key === 'thumbnail') assert.match(href, /^https:\/\/demo\.pqe\.invalid\/.+\/thumbnail\.png$/);
        else assert.equal(href, `file:///demo/${String(item.collection)}/${String(item.id)}/${key}.tif`);
      }
    }
    const withoutHrefs = (c: DemoCatalog) =>
      c.items.map((item) => ({
        ...item,
        assets: Object.fromEntries(Object.entries(item.assets as JsonObject).map(([key, asset]) => [key, { ...(asset as JsonObject), href: '' }])),
      }));
    assert.deepEqual(withoutHrefs(withHrefs), withoutHrefs(catalog));
    assert.deepEqual(withHrefs.collections, catalog.collections);
    assert.deepEqual(withHrefs.renderConfigs, catalog.renderConfigs);
  });

  it('gives every item an id that is unique within its collection and starts with "demo"', () => {
    for (const collection of catalog.collections) {
      const ids = itemsOf(catalog, collection.id as string).map((item) => item.id as string);
      assert.equal(new Set(ids).size, ids.length, String(collection.id));
      for (const id of ids) assert.match(id, /^demo-/);
    }
  });

  it('puts every item in a collection it has', () => {
    const ids = new Set(catalog.collections.map((c) => c.id));
    for (const item of catalog.items) assert.ok(ids.has(item.collection as string), String(item.id));
  });

  it('gives every item a bbox that holds its whole geometry, across the antimeridian too', () => {
    for (const item of catalog.items) {
      for (const position of positionsOf(item.geometry as JsonObject)) {
        assert.ok(holdsPosition(item.bbox as number[], position), `${String(item.id)}: ${JSON.stringify(position)} is outside ${JSON.stringify(item.bbox)}`);
      }
    }
  });

  it('rounds every coordinate to 6 decimals', () => {
    for (const item of catalog.items) {
      for (const n of [...positionsOf(item.geometry as JsonObject).flat(), ...(item.bbox as number[])]) {
        assert.ok(Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-6, `${String(item.id)}: ${n}`);
      }
    }
  });

  it('gives every collection an extent that covers its items in space and time', () => {
    for (const collection of catalog.collections) {
      const extent = collection.extent as { spatial: { bbox: number[][] }; temporal: { interval: string[][] } };
      const bbox = extent.spatial.bbox[0] as number[];
      const [start, end] = (extent.temporal.interval[0] as string[]).map((t) => Date.parse(t)) as [number, number];
      for (const item of itemsOf(catalog, collection.id as string)) {
        for (const position of positionsOf(item.geometry as JsonObject)) assert.ok(holdsPosition(bbox, position), String(item.id));
        const p = propertiesOf(item);
        assert.ok(Date.parse((p.start_datetime ?? p.datetime) as string) >= start, String(item.id));
        assert.ok(Date.parse((p.end_datetime ?? p.datetime) as string) <= end, String(item.id));
      }
    }
  });

  it('makes about twice the items at scale 2', () => {
    const doubled = generateDemoCatalog({ scale: 2 });
    const ratio = doubled.items.length / catalog.items.length;
    assert.ok(ratio > 1.9 && ratio < 2.1, `ratio ${ratio}`);
    for (const item of doubled.items) assert.ok(checkItem(item).ok, String(item.id));
  });

  for (const [options, what] of [
    [{ scale: 0 }, 'a scale of 0'],
    [{ scale: -1 }, 'a negative scale'],
    [{ scale: Number.NaN }, 'a scale that is not a number'],
    [{ scale: MAX_DEMO_SCALE + 1 }, 'a scale above the maximum'],
    [{ seed: 1.5 }, 'a seed that is not an integer'],
  ] as const) {
    it(`refuses ${what} with an InvalidParameter error`, () => {
      assert.throws(
        () => generateDemoCatalog(options),
        (error: unknown) => error instanceof AppError && error.code === 'InvalidParameter',
      );
    });
  }
});

describe('demo-optical', () => {
  const items = itemsOf(catalog, 'demo-optical');

  it('flies over Europe and Africa at about 10:30 local solar time in 2023 and 2024', () => {
    for (const item of items) {
      const [west, south, east, north] = item.bbox as Bbox;
      assert.ok(west > -20 && east < 45 && south > -40 && north < 62, String(item.id));
      const datetime = propertiesOf(item).datetime as string;
      assert.match(datetime, /^202[34]-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const utcHours = (Date.parse(datetime) % 86_400_000) / 3_600_000;
      const localHours = (utcHours + (west + east) / 2 / 15 + 24) % 24;
      assert.ok(localHours > 10 && localHours < 11, `${String(item.id)}: ${localHours}`);
    }
  });

  it('names the UTM zone of each scene centre in proj:epsg', () => {
    for (const item of items) {
      const [west, south, east, north] = item.bbox as Bbox;
      assert.equal(propertiesOf(item)['proj:epsg'], utmEpsg((west + east) / 2, (south + north) / 2), String(item.id));
    }
  });

  it('has cloud cover between 0 and 100, mostly low', () => {
    const clouds = items.map((item) => propertiesOf(item)['eo:cloud_cover'] as number);
    assert.ok(clouds.every((c) => c >= 0 && c <= 100));
    assert.ok(clouds.filter((c) => c < 30).length > clouds.length / 2);
  });

  it('gives items the assets of item_assets, each with its own href', () => {
    const collection = catalog.collections.find((c) => c.id === 'demo-optical') as JsonObject;
    const itemAssets = collection.item_assets as JsonObject;
    for (const item of items) {
      for (const [key, asset] of Object.entries(item.assets as JsonObject)) {
        const { href, ...rest } = asset as JsonObject;
        assert.deepEqual(rest, itemAssets[key]);
        assert.match(href as string, new RegExp(`^https://demo\\.pqe\\.invalid/demo-optical/${String(item.id)}/${key}\\.(tif|png)$`));
      }
    }
  });
});

describe('demo-sar', () => {
  it('has long, thin swaths over South America in 2024 with the sar and sat fields', () => {
    for (const item of itemsOf(catalog, 'demo-sar')) {
      const [west, south, east, north] = item.bbox as Bbox;
      assert.ok(west > -85 && east < -30 && south > -60 && north < 15, String(item.id));
      assert.ok(north - south > 3, `${String(item.id)} is not long`);
      const p = propertiesOf(item);
      assert.match(p.datetime as string, /^2024-/);
      assert.equal(p['sar:frequency_band'], 'C');
      assert.ok(['ascending', 'descending'].includes(p['sat:orbit_state'] as string));
      assert.ok(Number.isInteger(p['sat:relative_orbit']));
      assert.ok((p['sar:polarizations'] as string[]).includes('VV'));
      assert.equal(p['sar:instrument_mode'], 'IW');
    }
  });

  it('names the UTM zone of the middle of each swath in proj:epsg', () => {
    for (const item of itemsOf(catalog, 'demo-sar')) {
      const [west, south, east, north] = item.bbox as Bbox;
      assert.equal(propertiesOf(item)['proj:epsg'], utmEpsg((west + east) / 2, (south + north) / 2), String(item.id));
    }
  });
});

describe('demo-climate-monthly', () => {
  it('has one item per month of 2023 and 2024, each with a null datetime and the whole month as its range', () => {
    const items = itemsOf(catalog, 'demo-climate-monthly');
    const months = items.map((item) => {
      const p = propertiesOf(item);
      assert.equal(p.datetime, null);
      const start = new Date(p.start_datetime as string);
      const end = Date.parse(p.end_datetime as string);
      assert.equal(start.getUTCDate(), 1);
      assert.equal(start.getUTCHours() + start.getUTCMinutes() + start.getUTCSeconds(), 0);
      assert.equal(end, Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) - 1000);
      assert.deepEqual(item.bbox, [-180, -90, 180, 90]);
      return (p.start_datetime as string).slice(0, 7);
    });
    assert.equal(months[0], '2023-01');
    assert.equal(months.at(-1), '2024-12');
    assert.equal(new Set(months).size, 24);
    assert.equal(propertiesOf(items[11] as JsonObject).end_datetime, '2023-12-31T23:59:59Z');
  });
});

describe('demo-pacific', () => {
  const items = itemsOf(catalog, 'demo-pacific');
  const crosses = (item: JsonObject): boolean => (item.bbox as Bbox)[0] > (item.bbox as Bbox)[2];

  it('has items that cross the antimeridian as MultiPolygons touching 180 and -180', () => {
    const crossing = items.filter(crosses);
    assert.ok(crossing.length > 0);
    for (const item of crossing) {
      const geometry = item.geometry as JsonObject;
      assert.equal(geometry.type, 'MultiPolygon', String(item.id));
      const lons = positionsOf(geometry).map((p) => p[0]);
      assert.ok(lons.includes(180) && lons.includes(-180), String(item.id));
    }
  });

  it('has items that lie wholly on either side of the antimeridian', () => {
    const whole = items.filter((item) => !crosses(item));
    assert.ok(whole.some((item) => (item.bbox as Bbox)[0] > 0));
    assert.ok(whole.some((item) => (item.bbox as Bbox)[2] < 0));
    for (const item of whole) assert.equal((item.geometry as JsonObject).type, 'Polygon');
  });

  it('has a collection bbox that crosses the antimeridian', () => {
    const collection = catalog.collections.find((c) => c.id === 'demo-pacific') as JsonObject;
    const [bbox] = (collection.extent as { spatial: { bbox: number[][] } }).spatial.bbox as [Bbox];
    assert.ok(bbox[0] > bbox[2], JSON.stringify(bbox));
    assert.ok(bbox[0] > 170 && bbox[2] < -170, JSON.stringify(bbox));
  });
});

describe('demo footprints and extents', () => {
  it('splits a square over the antimeridian into a part ending at 180 and a part starting at -180', () => {
    const { geometry, bbox } = footprintOf(rotatedSquare([180, -17] satisfies LonLat, 100, 190));
    assert.equal(geometry.type, 'MultiPolygon');
    assert.ok(bbox[0] > 179 && bbox[0] < 180 && bbox[2] > -180 && bbox[2] < -179, JSON.stringify(bbox));
    const [west, east] = geometry.coordinates as number[][][][];
    assert.ok(west?.[0]?.every((p) => (p[0] as number) > 179 && (p[0] as number) <= 180));
    assert.ok(east?.[0]?.every((p) => (p[0] as number) >= -180 && (p[0] as number) < -179));
  });

  it('writes a square built east of 180° with longitudes from -180 up', () => {
    const { geometry, bbox } = footprintOf(rotatedSquare([182, -17], 100, 190));
    assert.equal(geometry.type, 'Polygon');
    assert.ok(bbox[0] > -179 && bbox[2] < -177, JSON.stringify(bbox));
  });

  // biome-ignore format: one case a line reads as a table
  const extents: [string, Bbox[], Bbox][] = [
    ['plain boxes', [[-10, 30, 5, 40], [0, 35, 20, 50]], [-10, 30, 20, 50]],
    ['boxes on both sides of 180°', [[178, -20, 179, -18], [-179, -19, -178, -17]], [178, -20, -178, -17]],
    ['a crossing box and a plain one', [[179, -20, -179, -18], [176, -19, 177, -17]], [176, -20, -179, -17]],
    ['the whole world', [[-180, -90, 180, 90]], [-180, -90, 180, 90]],
    ['boxes around 0° and 180°', [[-5, 0, 5, 1], [179, 0, -179, 1]], [-180, 0, 180, 1]],
  ];
  for (const [name, bboxes, expected] of extents) {
    it(`bounds ${name} with the narrowest bbox`, () => assert.deepEqual(spatialExtentOf(bboxes), expected));
  }

  const zones: [number, number, number, number][] = [
    [-3.7, 40.4, 30, 32630],
    [9, 50, 32, 32632],
    [5, 60, 32, 32632],
    [15, 78, 33, 32633],
    [18.4, -33.9, 34, 32734],
    [179.9, -17, 60, 32760],
    [-179.9, -17, 1, 32701],
    [180.1, -17, 1, 32701],
  ];
  for (const [lon, lat, zone, epsg] of zones) {
    it(`puts ${lon}, ${lat} in UTM zone ${zone} (EPSG:${epsg})`, () => {
      assert.equal(utmZone(lon, lat), zone);
      assert.equal(utmEpsg(lon, lat), epsg);
    });
  }
});
