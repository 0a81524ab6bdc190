// The data API's OpenAPI 3.1 document, generated from the same zod schemas that parse the requests, so the two
// cannot disagree; and a plain page that lists it.
import { z } from 'zod';
import { imageFormats } from './cog-engine.js';
import {
  coordCrsQuery,
  datasetQuery,
  dstCrsQuery,
  imageSizeQuery,
  layerQuery,
  renderQuery,
  sourceQuery,
  statisticsQuery,
  tileQuery,
  tilesetQuery,
  wmtsQuery,
} from './params/cog-params.js';
import { featureBody } from './params/feature-body.js';

type Json = Record<string, unknown>;

const jsonSchema = (s: z.ZodType): Json => {
  const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
};

function queryParameters(...schemas: z.ZodObject[]): Json[] {
  return schemas.flatMap((s) => {
    const json = jsonSchema(s) as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, prop]) => {
      const { description, ...schema } = prop;
      return {
        name,
        in: 'query',
        required: (json.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema,
      };
    });
  });
}

const pathParameters: Record<string, Json> = {
  tileMatrixSetId: { description: 'A TileMatrixSet id (see /tileMatrixSets); WebMercatorQuad on the routes without one', schema: { type: 'string' } },
  z: { description: 'Zoom level: the TileMatrix', schema: { type: 'integer', minimum: 0 } },
  x: { description: 'Column of the tile in its TileMatrix', schema: { type: 'integer', minimum: 0 } },
  y: { description: 'Row of the tile in its TileMatrix', schema: { type: 'integer', minimum: 0 } },
  scale: { description: 'Tile size scale: the tile is 256 × scale pixels', schema: { type: 'integer', minimum: 1, maximum: 4 } },
  format: { description: 'Image format (absent: JPEG where no pixel is masked, else PNG)', schema: { type: 'string', enum: [...imageFormats] } },
  lon: { description: 'Longitude, or x in coord_crs', schema: { type: 'number' } },
  lat: { description: 'Latitude, or y in coord_crs', schema: { type: 'number' } },
  minx: { description: 'West edge, in coord_crs', schema: { type: 'number' } },
  miny: { description: 'South edge, in coord_crs', schema: { type: 'number' } },
  maxx: { description: 'East edge, in coord_crs', schema: { type: 'number' } },
  maxy: { description: 'North edge, in coord_crs', schema: { type: 'number' } },
  width: { description: 'Output width in pixels', schema: { type: 'integer', minimum: 1 } },
  height: { description: 'Output height in pixels', schema: { type: 'integer', minimum: 1 } },
};

const pathParams = (path: string): Json[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, ...pathParameters[name as string] }));

const error = {
  description: 'Error: `detail` (as titiler), `code` and `description`',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const errors = { 400: error, 403: error, 404: error, 502: error };
const imageResponse = {
  description: 'An image',
  content: Object.fromEntries(
    ['image/png', 'image/jpeg', 'image/jpg', 'image/webp', 'image/tiff; application=geotiff', 'application/x-binary'].map((t) => [t, {}]),
  ),
};
const jsonResponse = (description: string, type = 'application/json') => ({ description, content: { [type]: {} } });

interface Operation {
  summary: string;
  query: z.ZodObject[];
  response: Json;
  deprecated?: boolean;
  method?: 'get' | 'post';
  body?: Json;
}

const read = [layerQuery, datasetQuery];
const render = [renderQuery];
const tileset = [tilesetQuery, ...read, tileQuery, ...render];

/** Each operation at each of its titiler path shapes (the ones without a TileMatrixSet are deprecated aliases). */
function cogOperations(): [string, Operation][] {
  const tile: Operation = { summary: 'A map tile', query: [sourceQuery, ...read, tileQuery, ...render], response: imageResponse };
  const tilejson: Operation = { summary: 'A TileJSON 2.2.0 document for the COG', query: [sourceQuery, ...tileset], response: jsonResponse('TileJSON') };
  const wmts: Operation = {
    summary: 'OGC WMTS 1.0 capabilities (RESTful) for the COG',
    query: [sourceQuery, ...tileset, wmtsQuery],
    response: jsonResponse('WMTS capabilities', 'application/xml'),
  };
  const map: Operation = { summary: 'A web map of the COG', query: [sourceQuery, ...tileset], response: jsonResponse('An HTML page', 'text/html') };
  const preview: Operation = {
    summary: 'A preview of the whole COG',
    query: [sourceQuery, ...read, imageSizeQuery(1024), dstCrsQuery, ...render],
    response: imageResponse,
  };
  const part = [sourceQuery, ...read, imageSizeQuery(undefined), coordCrsQuery, dstCrsQuery, ...render];
  const bbox: Operation = { summary: 'The part of the COG inside a bbox', query: part, response: imageResponse };
  const feature: Operation = {
    summary: 'The part of the COG under a polygon, masked outside it',
    query: part,
    response: imageResponse,
    method: 'post',
    body: { required: true, content: { 'application/json': { schema: jsonSchema(featureBody) } } },
  };
  const old = (op: Operation): Operation => ({ ...op, deprecated: true });
  const tiles = ['', '@{scale}x', '.{format}', '@{scale}x.{format}'];
  return [
    ['/cog/info', { summary: 'Metadata of the COG (rio-tiler Info)', query: [sourceQuery], response: jsonResponse('Info') }],
    [
      '/cog/info.geojson',
      { summary: 'Metadata of the COG as a GeoJSON Feature', query: [sourceQuery], response: jsonResponse('A Feature', 'application/geo+json') },
    ],
    ['/cog/bounds', { summary: 'Bounds of the COG in CRS84', query: [sourceQuery], response: jsonResponse('{"bounds": [minx, miny, maxx, maxy]}') }],
    [
      '/cog/statistics',
      {
        summary: 'Statistics per band, of a preview of the COG',
        query: [sourceQuery, ...read, imageSizeQuery(1024), statisticsQuery],
        response: jsonResponse('Statistics per band'),
      },
    ],
    ...tiles.map((end): [string, Operation] => [`/cog/tiles/{tileMatrixSetId}/{z}/{x}/{y}${end}`, tile]),
    ...tiles.map((end): [string, Operation] => [`/cog/tiles/{z}/{x}/{y}${end}`, old(tile)]),
    ['/cog/{tileMatrixSetId}/tilejson.json', tilejson],
    ['/cog/tilejson.json', old(tilejson)],
    ['/cog/{tileMatrixSetId}/WMTSCapabilities.xml', wmts],
    ['/cog/WMTSCapabilities.xml', old(wmts)],
    ['/cog/{tileMatrixSetId}/map', map],
    ['/cog/map', old(map)],
    [
      '/cog/point/{lon},{lat}',
      { summary: 'Values of the bands at a point', query: [sourceQuery, coordCrsQuery, ...read], response: jsonResponse('{coordinates, values, band_names}') },
    ],
    ['/cog/preview', preview],
    ['/cog/preview.{format}', preview],
    ['/cog/bbox/{minx},{miny},{maxx},{maxy}.{format}', bbox],
    ['/cog/bbox/{minx},{miny},{maxx},{maxy}/{width}x{height}.{format}', bbox],
    ['/cog/feature', feature],
    ['/cog/feature.{format}', feature],
    ['/cog/feature/{width}x{height}.{format}', feature],
  ];
}

export function dataOpenApi(options: { rootPath: string }): Json {
  const paths: Record<string, Json> = {
    '/tileMatrixSets': {
      get: { summary: 'The TileMatrixSets served', operationId: 'getTileMatrixSets', responses: { 200: jsonResponse('A list of TileMatrixSets') } },
    },
    '/tileMatrixSets/{tileMatrixSetId}': {
      get: {
        summary: 'One TileMatrixSet (OGC TMS 2.0)',
        operationId: 'getTileMatrixSet',
        parameters: pathParams('/tileMatrixSets/{tileMatrixSetId}'),
        responses: { 200: jsonResponse('A TileMatrixSet'), 404: error },
      },
    },
  };
  for (const [path, op] of cogOperations()) {
    paths[path] = {
      [op.method ?? 'get']: {
        summary: op.summary,
        operationId: operationId(op.method ?? 'get', path),
        ...(op.deprecated === true ? { deprecated: true } : {}),
        parameters: [...pathParams(path), ...queryParameters(...op.query)],
        ...(op.body === undefined ? {} : { requestBody: op.body }),
        responses: { 200: op.response, ...errors },
      },
    };
  }
  paths['/api'] = { get: { summary: 'This document', operationId: 'getOpenApi', responses: { 200: { description: 'OpenAPI 3.1' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'pqe data API',
      description: 'Tiles, previews, crops, point values and statistics from Cloud-Optimized GeoTIFFs, with the URLs of titiler 0.18',
      version: '1.0.0',
    },
    servers: [{ url: options.rootPath === '' ? '/' : options.rootPath }],
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['detail', 'code', 'description'],
          properties: {
            detail: { type: 'string', description: "What went wrong and what to do (titiler's key)" },
            code: { type: 'string' },
            description: { type: 'string', description: "The same message (pqe's key)" },
          },
        },
      },
    },
  };
}

/** A stable operation id from the method and the path: get /cog/tiles/{z}/{x}/{y}@{scale}x → getCogTilesZXYScale. */
function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return method + words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained page listing the operations and their parameters (no scripts). */
export function openApiPage(doc: Json, specHref: string): string {
  const info = doc.info as { title: string; description: string };
  const sections: string[] = [];
  const paths = doc.paths as Record<
    string,
    Record<string, { summary?: string; deprecated?: boolean; parameters?: { name: string; in: string; description?: string }[] }>
  >;
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}) ${escapeHtml(p.description ?? '')}</li>`)
        .join('');
      sections.push(
        `<section><h2><span class="m">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code>${op.deprecated === true ? ' <small>(deprecated)</small>' : ''}</h2><p>${escapeHtml(op.summary ?? '')}</p>${params === '' ? '' : `<ul>${params}</ul>`}</section>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}code{background:#f3f3f3;padding:0 .2em}.m{display:inline-block;min-width:4em;color:#fff;background:#2b6cb0;border-radius:3px;padding:0 .4em;font-size:.8em}section{border-top:1px solid #ddd}</style>
</head><body><h1>${escapeHtml(info.title)}</h1><p>${escapeHtml(info.description)}</p><p>OpenAPI document: <a href="${escapeHtml(specHref)}">${escapeHtml(specHref)}</a></p>
${sections.join('\n')}
</body></html>
`;
}
