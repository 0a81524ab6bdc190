#!/usr/bin/env node
// Writes a benchmark collection and N items of it, the same bytes on every run for the same N and version.
// The items look like Sentinel-2 L2A scenes as public catalogs serve them: a tile footprint, 15 properties,
// 7 or 8 assets that repeat the collection's item_assets fields (what dehydration strips) plus per-item
// projection fields (what it cannot), and four links.
//
// usage: generate-items.mjs --items N --out-dir DIR
// Prints the two paths written; reuses them when their stamp says same N and same GENERATOR_VERSION.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom } from '../lib/random.mjs';

/** Bump when the output changes, so that stale files are made again. */
const GENERATOR_VERSION = 2;

const COLLECTION_ID = 'bench-s2-l2a';

const round = (value, decimals) => Math.round(value * 10 ** decimals) / 10 ** decimals;

const COG = 'image/tiff; application=geotiff; profile=cloud-optimized';

function band(name, commonName, centre, width) {
  return { name, common_name: commonName, description: `Band ${name.slice(1)} - ${commonName}`, center_wavelength: centre, full_width_half_max: width };
}

function rasterAsset(title, gsd, eoBands) {
  return {
    type: COG,
    roles: ['data', 'reflectance'],
    title,
    gsd,
    'eo:bands': eoBands,
    'raster:bands': [{ nodata: 0, data_type: 'uint16', bits_per_sample: 15, spatial_resolution: gsd, scale: 0.0001, offset: -0.1 }],
  };
}

/** The collection's item_assets: what every item's assets also say, field for field. */
function itemAssets() {
  return {
    B02: rasterAsset('Band 2 - Blue - 10m', 10, [band('B02', 'blue', 0.49, 0.098)]),
    B03: rasterAsset('Band 3 - Green - 10m', 10, [band('B03', 'green', 0.56, 0.045)]),
    B04: rasterAsset('Band 4 - Red - 10m', 10, [band('B04', 'red', 0.665, 0.038)]),
    B08: rasterAsset('Band 8 - NIR - 10m', 10, [band('B08', 'nir', 0.842, 0.145)]),
    SCL: {
      type: COG,
      roles: ['data'],
      title: 'Scene classification map (SCL)',
      gsd: 20,
      'raster:bands': [{ nodata: 0, data_type: 'uint8', spatial_resolution: 20 }],
    },
    visual: {
      type: COG,
      roles: ['visual'],
      title: 'True color image',
      gsd: 10,
      'eo:bands': [band('B04', 'red', 0.665, 0.038), band('B03', 'green', 0.56, 0.045), band('B02', 'blue', 0.49, 0.098)],
    },
    thumbnail: { type: 'image/jpeg', roles: ['thumbnail'], title: 'Thumbnail' },
    'granule-metadata': { type: 'application/xml', roles: ['metadata'], title: 'Granule metadata' },
  };
}

const ITEM_EXTENSIONS = [
  'https://stac-extensions.github.io/eo/v1.1.0/schema.json',
  'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  'https://stac-extensions.github.io/view/v1.0.0/schema.json',
  'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
  'https://stac-extensions.github.io/mgrs/v1.0.0/schema.json',
];

function makeCollection() {
  return {
    type: 'Collection',
    id: COLLECTION_ID,
    stac_version: '1.0.0',
    stac_extensions: ['https://stac-extensions.github.io/item-assets/v1.0.0/schema.json', ...ITEM_EXTENSIONS.slice(0, 4)],
    title: 'Benchmark Sentinel-2-like Level-2A',
    description: 'Invented Sentinel-2-like scenes for the ingest benchmark; the hrefs point nowhere.',
    license: 'CC-BY-4.0',
    keywords: ['benchmark', 'optical', 'reflectance'],
    providers: [{ name: 'pqe bench', roles: ['producer', 'host'], url: 'https://example.com/pqe' }],
    extent: { spatial: { bbox: [[-180, -56, 180, 72]] }, temporal: { interval: [['2019-01-01T00:00:00Z', null]] } },
    summaries: { platform: ['sentinel-2a', 'sentinel-2b'], constellation: ['sentinel-2'], instruments: [['msi']], gsd: [10, 20] },
    item_assets: itemAssets(),
    links: [{ rel: 'license', href: 'https://creativecommons.org/licenses/by/4.0/', type: 'text/html' }],
  };
}

const LATITUDE_BANDS = 'CDEFGHJKLMNPQRSTUVWX';
const SQUARE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const START_MS = Date.UTC(2019, 0, 1);
const SPAN_MS = Date.UTC(2025, 0, 1) - START_MS;

/** A footprint of a ~110 km tile cut by the swath edge: a counter-clockwise ring of 5 to 9 positions (closed). */
function footprint(random, lon, lat) {
  const dLat = 0.99;
  const dLon = 0.99 / Math.cos((lat * Math.PI) / 180);
  const corners = [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
  ];
  const ring = [];
  for (let i = 0; i < 4; i++) {
    const [x0, y0] = corners[i];
    const [x1, y1] = corners[(i + 1) % 4];
    ring.push([x0 + random.between(-0.002, 0.002), y0 + random.between(-0.002, 0.002)]);
    // Some edges get an extra vertex where the swath edge crosses them.
    if (random.next() < 0.35) {
      const t = random.between(0.2, 0.8);
      ring.push([x0 + (x1 - x0) * t + random.between(-0.01, 0.01), y0 + (y1 - y0) * t + random.between(-0.01, 0.01)]);
    }
  }
  ring.push([...ring[0]]);
  return ring;
}

function bboxOf(ring) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** The i-th item; items are spread evenly over 2019–2024 in id order, each with its own random stream. */
function makeItem(i, n, assetsTemplate) {
  const random = createRandom(0x5eed0000 + i);
  const epochMs = START_MS + Math.floor((SPAN_MS * i) / n) + random.int(0, 3_600_000);
  const date = new Date(epochMs);
  const lat = random.between(-56, 71);
  // West edges far enough from the antimeridian that the tile (wider in degrees nearer the poles) stays within it.
  const lon = random.between(-179, 179 - 1.01 / Math.cos(((lat + 1) * Math.PI) / 180));
  const zone = Math.floor((lon + 180) / 6) + 1;
  const latitudeBand = LATITUDE_BANDS[Math.min(19, Math.floor((lat + 80) / 8))];
  const square = random.pick(SQUARE_LETTERS) + random.pick(SQUARE_LETTERS);
  const platform = random.next() < 0.5 ? 'sentinel-2a' : 'sentinel-2b';
  const orbit = random.int(1, 143);
  const stamp = date.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const id = `S2${platform.slice(-1).toUpperCase()}_MSIL2A_${stamp}_R${String(orbit).padStart(3, '0')}_T${zone}${latitudeBand}${square}_${String(i).padStart(7, '0')}`;
  const epsg = (lat >= 0 ? 32600 : 32700) + zone;
  const ring = footprint(random, lon, lat);
  const base = `https://example.com/pqe-bench/sentinel-2-l2a/${zone}/${latitudeBand}/${square}/${date.getUTCFullYear()}/${id}`;
  const x0 = random.int(1, 8) * 100000;
  const y0 = random.int(10, 90) * 100000;

  const assets = {};
  for (const [key, template] of Object.entries(assetsTemplate)) {
    // One item in eight has no thumbnail, as happens when a preview failed to render.
    if (key === 'thumbnail' && random.next() < 0.125) continue;
    const asset = { href: `${base}/${key}.${template.type === COG ? 'tif' : key === 'thumbnail' ? 'jpg' : 'xml'}`, ...structuredClone(template) };
    if (template.gsd !== undefined) {
      const size = Math.round(109800 / template.gsd);
      asset['proj:shape'] = [size, size];
      asset['proj:transform'] = [template.gsd, 0, x0, 0, -template.gsd, y0];
    }
    assets[key] = asset;
  }

  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: ITEM_EXTENSIONS,
    id,
    collection: COLLECTION_ID,
    geometry: { type: 'Polygon', coordinates: [ring] },
    bbox: bboxOf(ring),
    properties: {
      datetime: date.toISOString(),
      created: new Date(epochMs + random.int(3_600_000, 86_400_000)).toISOString(),
      platform,
      constellation: 'sentinel-2',
      instruments: ['msi'],
      gsd: 10,
      'eo:cloud_cover': round(random.next() < 0.2 ? random.between(90, 100) : random.between(0, 90), 6),
      'proj:epsg': epsg,
      'view:sun_azimuth': round(random.between(100, 170), 8),
      'view:sun_elevation': round(random.between(15, 70), 8),
      'view:off_nadir': round(random.between(0, 10), 6),
      'mgrs:utm_zone': zone,
      'mgrs:latitude_band': latitudeBand,
      'mgrs:grid_square': square,
      's2:processing_baseline': random.pick(['04.00', '05.00', '05.09', '05.10']),
    },
    links: [
      { rel: 'collection', href: `https://example.com/pqe-bench/collections/${COLLECTION_ID}`, type: 'application/json' },
      { rel: 'parent', href: `https://example.com/pqe-bench/collections/${COLLECTION_ID}`, type: 'application/json' },
      { rel: 'root', href: 'https://example.com/pqe-bench/', type: 'application/json' },
      { rel: 'self', href: `https://example.com/pqe-bench/collections/${COLLECTION_ID}/items/${id}`, type: 'application/geo+json' },
    ],
    assets,
  };
}

function main() {
  const { values } = parseArgs({ options: { items: { type: 'string' }, 'out-dir': { type: 'string' } } });
  const n = Number(values.items);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--items must be a positive integer, got ${values.items}`);
  const outDir = values['out-dir'];
  if (outDir === undefined) throw new Error('--out-dir is required');

  const collectionPath = join(outDir, 'collection.json');
  const itemsPath = join(outDir, `items-${n}.ndjson`);
  const stampPath = `${itemsPath}.stamp`;
  const stamp = JSON.stringify({ generator: GENERATOR_VERSION, items: n });
  const collection = makeCollection();
  // One line: the file is both a JSON document and NDJSON, which every loader here reads.
  writeFileSync(collectionPath, `${JSON.stringify(collection)}\n`);

  const fresh = existsSync(itemsPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp;
  if (!fresh) {
    const tmp = `${itemsPath}.tmp`;
    const fd = openSync(tmp, 'w');
    let chunk = [];
    for (let i = 0; i < n; i++) {
      chunk.push(JSON.stringify(makeItem(i, n, collection.item_assets)));
      if (chunk.length === 1000 || i === n - 1) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    closeSync(fd);
    renameSync(tmp, itemsPath);
    writeFileSync(stampPath, stamp);
  }
  process.stdout.write(`${collectionPath}\n${itemsPath}\n`);
}

main();
