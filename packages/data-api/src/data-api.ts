import type { Config } from '@pqe/common';
import { AppError } from '@pqe/common';
import { openSource, type SourceOptions } from '@pqe/raster';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicBaseUrl } from './base-url.js';
import type { BBox, CogEngine, EncodedImage, ImageFormat, RasterImage } from './cog-engine.js';
import { registerDataErrorHandlers } from './error-body.js';
import { forwardedQuery, tilejsonOwnKeys, wmtsOwnKeys } from './forwarded-query.js';
import { mapPage } from './map-viewer.js';
import { dataOpenApi, openApiPage } from './openapi.js';
import { parseFeatureBody } from './params/feature-body.js';
import { parseFormat, parseSizeAndFormat } from './params/path-params.js';
import {
  bboxRequest,
  type encodeOptions,
  partRequest,
  pointRequest,
  previewRequest,
  type Query,
  sourceUrl,
  statisticsRequest,
  tileRequest,
  tilesetRequest,
  wmtsUseEpsg,
} from './params/requests.js';
import { sendImage, sendJson } from './responses.js';
import { sourceOptions } from './source-policy.js';
import { tileJson, tileUrlTemplate, wmtsCapabilities } from './tileset-documents.js';
import { DEFAULT_TMS, requireTileInMatrix, requireTms, type TmsProvider } from './tms-provider.js';

export interface DataApiDeps {
  config: Pick<Config, 'dataRootPath' | 'dataCacheControl' | 'localRoots' | 'allowedHosts' | 'dataDir' | 'databaseUrl'>;
  /** Reads and encodes pixels (the raster engine of @pqe/raster). */
  engine: CogEngine;
  /** The TileMatrixSets served (the registry of @pqe/raster). */
  tms: TmsProvider;
  /** Where sources may be read from; derived from the configuration when absent. */
  sources?: SourceOptions;
}

const GEOJSON = 'application/geo+json';
const OPENAPI = 'application/vnd.oai.openapi+json;version=3.1';
const TILING_SCHEME_REL = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes';

/**
 * The data API (titiler 0.18's URL shapes): /tileMatrixSets and the /cog routes, under the configured root path.
 * Handlers parse the request into a typed one (400 for any bad value), open the source under the policy (403
 * outside it), call one engine method with the request's signal, and send the result with its cache headers.
 */
export async function dataApi(app: FastifyInstance, deps: DataApiDeps): Promise<void> {
  const { config, engine, tms: tmsProvider } = deps;
  const root = config.dataRootPath;
  const sources = deps.sources ?? sourceOptions(config);
  const cacheControl = config.dataCacheControl;

  const open = (url: string) => openSource(url, sources);
  const ctx = (request: FastifyRequest) => ({ signal: request.abortSignal });
  const query = (request: FastifyRequest) => request.query as Query;
  const base = (request: FastifyRequest) => publicBaseUrl(request, root);

  const image = async (request: FastifyRequest, reply: FastifyReply, read: RasterImage | Promise<RasterImage>, encode: ReturnType<typeof encodeOptions>) => {
    const pixels = await read;
    const encoded: EncodedImage = await engine.encode(pixels, encode, ctx(request));
    return sendImage(request, reply, encoded, cacheControl);
  };

  await app.register(
    async (scope) => {
      registerDataErrorHandlers(scope);

      // ---- TileMatrixSets ----
      scope.get('/tileMatrixSets', async (request, reply) => {
        const href = `${base(request)}/tileMatrixSets`;
        const tileMatrixSets = tmsProvider.ids().map((id) => {
          const title = tmsProvider.get(id)?.title;
          return {
            id,
            ...(title === undefined ? {} : { title }),
            links: [
              { href: `${href}/${encodeURIComponent(id)}`, rel: TILING_SCHEME_REL, type: 'application/json', title: `Definition of ${id} tileMatrixSet` },
            ],
          };
        });
        return reply.type('application/json').send({ tileMatrixSets });
      });
      scope.get<{ Params: { tileMatrixSetId: string } }>('/tileMatrixSets/:tileMatrixSetId', async (request, reply) =>
        reply.type('application/json').send(JSON.stringify(requireTms(tmsProvider, request.params.tileMatrixSetId).document)),
      );

      // ---- /cog: metadata ----
      scope.get('/cog/info', async (request, reply) => {
        const source = await open(sourceUrl(query(request)));
        return sendJson(reply, await engine.info(source, ctx(request)), cacheControl);
      });
      scope.get('/cog/info.geojson', async (request, reply) => {
        const source = await open(sourceUrl(query(request)));
        const info = await engine.info(source, ctx(request));
        return sendJson(reply, { type: 'Feature', geometry: bboxPolygon(info.bounds), properties: info }, cacheControl, GEOJSON);
      });
      scope.get('/cog/bounds', async (request, reply) => {
        const source = await open(sourceUrl(query(request)));
        return sendJson(reply, { bounds: await engine.bounds(source, ctx(request)) }, cacheControl);
      });
      scope.get('/cog/statistics', async (request, reply) => {
        const { url, statistics } = statisticsRequest(query(request));
        const source = await open(url);
        return sendJson(reply, await engine.statistics(source, statistics, ctx(request)), cacheControl);
      });

      // ---- /cog: tiles and what describes them ----
      scope.get<{ Params: { '*': string } }>('/cog/tiles/*', async (request, reply) => {
        const req = tileRequest(request.params['*'], query(request));
        requireTileInMatrix(requireTms(tmsProvider, req.tms), req.z, req.x, req.y);
        const source = await open(req.url);
        return image(request, reply, engine.tile(source, req.tms, req.z, req.x, req.y, req.tile, ctx(request)), req.encode);
      });

      const tilejson = async (request: FastifyRequest<{ Params: { tileMatrixSetId?: string } }>, reply: FastifyReply) => {
        const tmsId = request.params.tileMatrixSetId ?? DEFAULT_TMS;
        requireTms(tmsProvider, tmsId);
        const req = tilesetRequest(query(request));
        const source = await open(req.url);
        const tileset = await engine.tileset(source, tmsId, ctx(request));
        const tiles = tileUrlTemplate(base(request), tmsId, req.tileScale, req.tileFormat, forwardedQuery(request.url, tilejsonOwnKeys));
        return sendJson(
          reply,
          tileJson(tiles, { bounds: tileset.bounds, minzoom: req.minzoom ?? tileset.minzoom, maxzoom: req.maxzoom ?? tileset.maxzoom }),
          cacheControl,
        );
      };
      scope.get('/cog/tilejson.json', tilejson);
      scope.get('/cog/:tileMatrixSetId/tilejson.json', tilejson);

      const wmts = async (request: FastifyRequest<{ Params: { tileMatrixSetId?: string } }>, reply: FastifyReply) => {
        const tms = requireTms(tmsProvider, request.params.tileMatrixSetId ?? DEFAULT_TMS);
        const q = query(request);
        const req = tilesetRequest(q);
        const useEpsg = wmtsUseEpsg(q);
        const format: ImageFormat = req.tileFormat ?? 'png';
        const source = await open(req.url);
        const tileset = await engine.tileset(source, tms.id, ctx(request));
        const selfUrl = `${base(request)}${request.url.slice(root.length)}`;
        const tilesUrl = tileUrlTemplate(base(request), tms.id, req.tileScale, format, forwardedQuery(request.url, wmtsOwnKeys), [
          '{TileMatrix}',
          '{TileCol}',
          '{TileRow}',
        ]);
        const body = wmtsCapabilities({
          title: req.url,
          selfUrl,
          tilesUrl,
          mediaType: mediaTypeOf(format),
          tms,
          tileset: { bounds: tileset.bounds, minzoom: req.minzoom ?? tileset.minzoom, maxzoom: req.maxzoom ?? tileset.maxzoom },
          useEpsg,
        });
        return reply.header('cache-control', cacheControl).type('application/xml').send(body);
      };
      scope.get('/cog/WMTSCapabilities.xml', wmts);
      scope.get('/cog/:tileMatrixSetId/WMTSCapabilities.xml', wmts);

      const map = async (request: FastifyRequest<{ Params: { tileMatrixSetId?: string } }>, reply: FastifyReply) => {
        const tms = requireTms(tmsProvider, request.params.tileMatrixSetId ?? DEFAULT_TMS);
        const req = tilesetRequest(query(request));
        // The page is checked like the documents it loads, but reads nothing: the browser asks for the TileJSON.
        const tilejsonUrl = `${base(request)}/cog/${encodeURIComponent(tms.id)}/tilejson.json${forwardedQuery(request.url, [])}`;
        return reply.type('text/html; charset=utf-8').send(mapPage({ tilejsonUrl, tms, title: req.url }));
      };
      scope.get('/cog/map', map);
      scope.get('/cog/:tileMatrixSetId/map', map);

      // ---- /cog: point, preview, bbox, feature ----
      scope.get<{ Params: { coordinates: string } }>('/cog/point/:coordinates', async (request, reply) => {
        const req = pointRequest(request.params.coordinates, query(request));
        const source = await open(req.url);
        return sendJson(reply, await engine.point(source, req.lon, req.lat, req.point, ctx(request)), cacheControl);
      });

      const preview = async (request: FastifyRequest, reply: FastifyReply, format: ImageFormat | undefined) => {
        const req = previewRequest(query(request), format);
        const source = await open(req.url);
        return image(request, reply, engine.preview(source, req.preview, ctx(request)), req.encode);
      };
      scope.get('/cog/preview', (request, reply) => preview(request, reply, undefined));
      scope.get<{ Params: { format: string } }>('/cog/preview.:format', (request, reply) => preview(request, reply, parseFormat(request.params.format)));

      scope.get<{ Params: { '*': string } }>('/cog/bbox/*', async (request, reply) => {
        const req = bboxRequest(request.params['*'], query(request));
        const source = await open(req.url);
        return image(request, reply, engine.part(source, req.bbox, req.part, ctx(request)), req.encode);
      });

      const feature = async (request: FastifyRequest, reply: FastifyReply, format: ImageFormat | undefined, size?: { width: number; height: number }) => {
        const req = partRequest(query(request), format, size);
        const body = parseFeatureBody(request.body);
        const source = await open(req.url);
        return image(request, reply, engine.feature(source, body, req.part, ctx(request)), req.encode);
      };
      scope.post('/cog/feature', (request, reply) => feature(request, reply, undefined));
      scope.post<{ Params: { format: string } }>('/cog/feature.:format', (request, reply) => feature(request, reply, parseFormat(request.params.format)));
      scope.post<{ Params: { size: string } }>('/cog/feature/:size', (request, reply) => {
        const { width, height, format } = parseSizeAndFormat(request.params.size);
        return feature(request, reply, format, { width, height });
      });

      // ---- the API's description ----
      const openapi = dataOpenApi({ rootPath: root });
      scope.get('/api', async (_request, reply) => reply.type(OPENAPI).send(JSON.stringify(openapi)));
      scope.get('/api.html', async (request, reply) => reply.type('text/html; charset=utf-8').send(openApiPage(openapi, `${base(request)}/api`)));

      registerMethodNotAllowed(scope);
    },
    { prefix: root },
  );
}

/** titiler answers image/jpg for .jpg, and image/png for pngraw. */
function mediaTypeOf(format: ImageFormat): string {
  const types: Record<ImageFormat, string> = {
    png: 'image/png',
    pngraw: 'image/png',
    jpeg: 'image/jpeg',
    jpg: 'image/jpg',
    webp: 'image/webp',
    npy: 'application/x-binary',
    tif: 'image/tiff; application=geotiff',
  };
  return types[format];
}

function bboxPolygon([minx, miny, maxx, maxy]: BBox) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minx, miny],
        [maxx, miny],
        [maxx, maxy],
        [minx, maxy],
        [minx, miny],
      ],
    ],
  };
}

/** The routes and the methods they take: another method on a known path is a 405 that says which to use. */
export const dataRoutes: readonly (readonly [string, readonly ('GET' | 'POST')[]])[] = [
  ['/tileMatrixSets', ['GET']],
  ['/tileMatrixSets/:tileMatrixSetId', ['GET']],
  ['/cog/info', ['GET']],
  ['/cog/info.geojson', ['GET']],
  ['/cog/bounds', ['GET']],
  ['/cog/statistics', ['GET']],
  ['/cog/tiles/*', ['GET']],
  ['/cog/tilejson.json', ['GET']],
  ['/cog/:tileMatrixSetId/tilejson.json', ['GET']],
  ['/cog/WMTSCapabilities.xml', ['GET']],
  ['/cog/:tileMatrixSetId/WMTSCapabilities.xml', ['GET']],
  ['/cog/map', ['GET']],
  ['/cog/:tileMatrixSetId/map', ['GET']],
  ['/cog/point/:coordinates', ['GET']],
  ['/cog/preview', ['GET']],
  ['/cog/preview.:format', ['GET']],
  ['/cog/bbox/*', ['GET']],
  ['/cog/feature', ['POST']],
  ['/cog/feature.:format', ['POST']],
  ['/cog/feature/:size', ['POST']],
  ['/api', ['GET']],
  ['/api.html', ['GET']],
];

function registerMethodNotAllowed(scope: FastifyInstance): void {
  for (const [url, methods] of dataRoutes) {
    const others = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !(methods as readonly string[]).includes(m));
    scope.route({
      method: others,
      url,
      handler: async (request, reply) => {
        void reply.header('allow', [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', '));
        throw new AppError('MethodNotAllowed', `${request.method} is not allowed on ${request.url.split('?')[0]}; use ${methods.join(' or ')}.`);
      },
    });
  }
}
