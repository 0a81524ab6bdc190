// The documents that describe a COG as a tileset: TileJSON 2.2.0 (as titiler's model fills it) and OGC WMTS 1.0
// capabilities. Pure functions of the tile URL template, the dataset's extent and the TileMatrixSet.
import type { BBox, ImageFormat } from './cog-engine.js';
import type { TmsInfo } from './tms-provider.js';

export interface TileJson {
  tilejson: '2.2.0';
  version: '1.0.0';
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: BBox;
  /** Middle of the bounds, at minzoom. */
  center: [number, number, number];
}

export interface Tileset {
  /** CRS84. */
  bounds: BBox;
  minzoom: number;
  maxzoom: number;
}

export function tileJson(tilesUrl: string, tileset: Tileset): TileJson {
  const [minx, miny, maxx, maxy] = tileset.bounds;
  return {
    tilejson: '2.2.0',
    version: '1.0.0',
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: tileset.minzoom,
    maxzoom: tileset.maxzoom,
    bounds: tileset.bounds,
    center: [(minx + maxx) / 2, (miny + maxy) / 2, tileset.minzoom],
  };
}

/**
 * The tile URL template: /cog/tiles/{tms}/{z}/{x}/{y}@{scale}x[.{format}] under `base`, then the forwarded query.
 * `xyz` names the placeholders ({z}/{x}/{y} for TileJSON, {TileMatrix}/{TileCol}/{TileRow} for WMTS).
 */
export function tileUrlTemplate(
  base: string,
  tms: string,
  scale: number,
  format: ImageFormat | undefined,
  query: string,
  xyz: readonly [string, string, string] = ['{z}', '{x}', '{y}'],
): string {
  const [z, x, y] = xyz;
  return `${base}/cog/tiles/${encodeURIComponent(tms)}/${z}/${x}/${y}@${scale}x${format === undefined ? '' : `.${format}`}${query}`;
}

const xml = (value: string | number) =>
  String(value).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** EPSG:code from an OGC CRS URI (…/EPSG/0/3857), for clients that want that form; the URI itself otherwise. */
export function epsgOf(crsUri: string): string {
  const code = /\/EPSG\/[^/]+\/(\d+)$/i.exec(crsUri)?.[1];
  return code === undefined ? crsUri : `EPSG:${code}`;
}

export interface WmtsOptions {
  title: string;
  /** The capabilities document's own URL (GetCapabilities and GetTile point at it, RESTful). */
  selfUrl: string;
  /** Template with {TileMatrix}, {TileCol}, {TileRow}. */
  tilesUrl: string;
  mediaType: string;
  tms: TmsInfo;
  tileset: Tileset;
  useEpsg: boolean;
}

function operation(name: string, href: string): string {
  return `<ows:Operation name="${name}"><ows:DCP><ows:HTTP><ows:Get xlink:href="${xml(href)}"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>RESTful</ows:Value></ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP></ows:Operation>`;
}

/** OGC WMTS 1.0 GetCapabilities (RESTful), one layer, the TileMatrixSet's levels from minzoom to maxzoom. */
export function wmtsCapabilities(o: WmtsOptions): string {
  const { tms, tileset } = o;
  const matrices: string[] = [];
  for (let z = tileset.minzoom; z <= tileset.maxzoom; z++) {
    const m = tms.matrix(z);
    if (m === undefined) continue;
    matrices.push(
      `<TileMatrix><ows:Identifier>${xml(m.id)}</ows:Identifier><ScaleDenominator>${m.scaleDenominator}</ScaleDenominator><TopLeftCorner>${m.pointOfOrigin[0]} ${m.pointOfOrigin[1]}</TopLeftCorner><TileWidth>${m.tileWidth}</TileWidth><TileHeight>${m.tileHeight}</TileHeight><MatrixWidth>${m.matrixWidth}</MatrixWidth><MatrixHeight>${m.matrixHeight}</MatrixHeight></TileMatrix>`,
    );
  }
  const [minx, miny, maxx, maxy] = tileset.bounds;
  const crs = o.useEpsg ? epsgOf(tms.crs) : tms.crs;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:gml="http://www.opengis.net/gml" xsi:schemaLocation="http://www.opengis.net/wmts/1.0 http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd" version="1.0.0">
<ows:ServiceIdentification><ows:Title>${xml(o.title)}</ows:Title><ows:ServiceType>OGC WMTS</ows:ServiceType><ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion></ows:ServiceIdentification>
<ows:OperationsMetadata>${operation('GetCapabilities', o.selfUrl)}${operation('GetTile', o.selfUrl)}</ows:OperationsMetadata>
<Contents>
<Layer><ows:Title>${xml(o.title)}</ows:Title><ows:Identifier>Dataset</ows:Identifier><ows:Abstract>${xml(o.title)}</ows:Abstract><ows:WGS84BoundingBox crs="urn:ogc:def:crs:OGC:2:84"><ows:LowerCorner>${minx} ${miny}</ows:LowerCorner><ows:UpperCorner>${maxx} ${maxy}</ows:UpperCorner></ows:WGS84BoundingBox><Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style><Format>${xml(o.mediaType)}</Format><TileMatrixSetLink><TileMatrixSet>${xml(tms.id)}</TileMatrixSet></TileMatrixSetLink><ResourceURL format="${xml(o.mediaType)}" resourceType="tile" template="${xml(o.tilesUrl)}"/></Layer>
<TileMatrixSet><ows:Identifier>${xml(tms.id)}</ows:Identifier><ows:SupportedCRS>${xml(crs)}</ows:SupportedCRS>
${matrices.join('\n')}
</TileMatrixSet>
</Contents>
<ServiceMetadataURL xlink:href="${xml(o.selfUrl)}"/>
</Capabilities>
`;
}
