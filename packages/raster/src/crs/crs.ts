// Crs values from EPSG codes and from the names users and OGC documents give them (EPSG:4326, URIs, URNs).
import { AppError } from '@pqe/common';
import type { Crs } from '../types.js';
import { epsgDefinition, WEB_MERCATOR_PROJ4, webMercatorAliases } from './epsg-registry.js';

const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

/** OGC:CRS84, WGS 84 in longitude, latitude order (the same as EPSG:4326 here, where x is always longitude). */
export const CRS84: Crs = { id: 'OGC:CRS84', proj4: WGS84_LONLAT, geographic: true };

/** The Crs of an EPSG code; throws a BadRequest AppError when the code is not in the registry. */
export function crsFromEpsg(code: number): Crs {
  const definition = Number.isSafeInteger(code) ? epsgDefinition(code) : undefined;
  if (definition === undefined) {
    throw new AppError(
      'BadRequest',
      `EPSG:${code} is not a coordinate reference system pqe knows; reproject the data to a common CRS (e.g. EPSG:4326, EPSG:3857 or a UTM zone).`,
    );
  }
  const id = webMercatorAliases.has(code) ? 'EPSG:3857' : `EPSG:${code}`;
  return { id, proj4: definition.proj4, geographic: definition.geographic };
}

const MAX_CRS_TEXT = 256;

/**
 * Parses a CRS as users and OGC documents write it: `EPSG:4326`, `epsg:32631`, `4326`, `OGC:CRS84`, `CRS84`,
 * `http://www.opengis.net/def/crs/EPSG/0/3857`, `http://www.opengis.net/def/crs/OGC/1.3/CRS84`,
 * `urn:ogc:def:crs:EPSG::5482`, `urn:ogc:def:crs:OGC:1.3:CRS84`.
 */
export function parseCrs(text: string): Crs {
  const value = text.trim();
  if (value.length > MAX_CRS_TEXT) throw new AppError('InvalidParameter', 'A CRS name is at most 256 characters long.');
  if (
    /^(?:OGC:)?CRS84$/i.test(value) ||
    /^https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[^/]+\/CRS84$/i.test(value) ||
    /^urn:ogc:def:crs:OGC:[^:]*:CRS84$/i.test(value)
  ) {
    return CRS84;
  }
  const match =
    /^(?:EPSG:)?(\d{1,9})$/i.exec(value) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d{1,9})$/i.exec(value) ??
    /^urn:ogc:def:crs:EPSG:[^:]*:(\d{1,9})$/i.exec(value);
  if (match?.[1] === undefined) {
    throw new AppError('InvalidParameter', `"${value}" is not a CRS pqe understands; use EPSG:<code>, OGC:CRS84 or an OGC CRS URI.`);
  }
  return crsFromEpsg(Number(match[1]));
}

/** True when the CRS is geographic WGS 84 (EPSG:4326 or OGC:CRS84, both longitude first here). */
export function isWgs84Geographic(crs: Crs): boolean {
  return crs.id === 'EPSG:4326' || crs.id === 'OGC:CRS84' || crs.proj4 === WGS84_LONLAT;
}

/** True when the CRS is the spherical pseudo-Mercator of web maps (EPSG:3857). */
export function isWebMercator(crs: Crs): boolean {
  return crs.id === 'EPSG:3857' || crs.proj4 === WEB_MERCATOR_PROJ4;
}

/** Two CRSs are the same when their definitions are (identifiers aside: EPSG:4326 equals OGC:CRS84 here). */
export function sameCrs(a: Crs, b: Crs): boolean {
  return a.proj4 === b.proj4;
}
