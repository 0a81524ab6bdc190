import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../src/stac/dehydrate.js';

/** Small hand-made STAC data for the catalog tests. */
export function makeCollection(id: string, extra: JsonObject = {}): JsonObject {
  return {
    type: 'Collection',
    stac_version: '1.0.0',
    id,
    description: `Test collection ${id}`,
    license: 'CC-BY-4.0',
    links: [],
    extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [['2020-01-01T00:00:00Z', null]] } },
    item_assets: {
      data: { type: 'image/tiff; application=geotiff; profile=cloud-optimized', roles: ['data'], title: 'Data' },
      thumbnail: { type: 'image/png', roles: ['thumbnail'], title: 'Thumbnail' },
    },
    ...extra,
  };
}

export function makeItem(collection: string, id: string, options: { lon?: number; lat?: number; datetime?: string; cloud?: number } = {}): JsonObject {
  const lon = options.lon ?? 10;
  const lat = options.lat ?? 50;
  const d = 0.25;
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: ['https://stac-extensions.github.io/eo/v1.1.0/schema.json'],
    id,
    collection,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + d, lat],
          [lon + d, lat + d],
          [lon, lat + d],
          [lon, lat],
        ],
      ],
    },
    bbox: [lon, lat, lon + d, lat + d],
    properties: { datetime: options.datetime ?? '2021-06-01T10:30:00Z', 'eo:cloud_cover': options.cloud ?? 12.5, platform: 'testsat-1' },
    links: [{ rel: 'license', href: 'https://example.com/license' }],
    assets: {
      data: {
        href: `https://example.com/${collection}/${id}/data.tif`,
        type: 'image/tiff; application=geotiff; profile=cloud-optimized',
        roles: ['data'],
        title: 'Data',
      },
      thumbnail: { href: `https://example.com/${collection}/${id}/thumb.png`, type: 'image/png', roles: ['thumbnail'] },
    },
  };
}

/** Writes lines to a new temporary file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pqe-test-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export const ndjson = (values: readonly unknown[]): string => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;
