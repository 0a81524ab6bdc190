import type { JsonObject } from '../stac/dehydrate.js';

/** What every demo collection and item shares: STAC version, extension schemas, media types, licence, provider. */
export const STAC_VERSION = '1.0.0';

export const extensionSchemas = {
  eo: 'https://stac-extensions.github.io/eo/v1.1.0/schema.json',
  view: 'https://stac-extensions.github.io/view/v1.0.0/schema.json',
  projection: 'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  sar: 'https://stac-extensions.github.io/sar/v1.0.0/schema.json',
  sat: 'https://stac-extensions.github.io/sat/v1.0.0/schema.json',
  itemAssets: 'https://stac-extensions.github.io/item-assets/v1.0.0/schema.json',
} as const;

export const mediaTypes = {
  cog: 'image/tiff; application=geotiff; profile=cloud-optimized',
  png: 'image/png',
} as const;

export const DEMO_LICENSE = 'CC-BY-4.0';

/** The last sentence of every demo collection's description: what its assets are. */
export const DEMO_DATA_NOTE =
  'Demo data for pqe: the metadata is generated; `pqe demo` writes the data assets as small COGs of invented texture, ' +
  'with pixels much coarser than any gsd given here (without it, asset hrefs are placeholders).';

/** A new object on every call, so that no two items share (and could change) one link. */
export function licenseLink(): JsonObject {
  return {
    rel: 'license',
    href: 'https://creativecommons.org/licenses/by/4.0/',
    type: 'text/html',
    title: 'Creative Commons Attribution 4.0 International',
  };
}

export function demoProviders(): JsonObject[] {
  return [
    {
      name: 'pqe demo data (invented, not a real mission)',
      description: 'Metadata made up by the pqe demo catalog generator; data assets written by `pqe demo` as small COGs of invented texture.',
      roles: ['producer', 'processor', 'host'],
      url: 'https://demo.pqe.invalid/',
    },
  ];
}

/** An instant as RFC 3339 in UTC to the whole second, the way the demo items write datetimes. */
export function isoSeconds(epochMs: number): string {
  return `${new Date(Math.round(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
