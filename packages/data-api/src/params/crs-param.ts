// CRS parameters (dst_crs, coord_crs): the forms titiler's clients send, normalized to `EPSG:<code>` or
// `OGC:CRS84`. Whether the EPSG code is one the engine knows is the engine's to say.
import { InvalidValue, show } from './param.js';

const EPSG = /^epsg:(\d{1,6})$/i;
const EPSG_URI = /^https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[0-9.]+\/(\d{1,6})$/i;
const EPSG_URN = /^urn:ogc:def:crs:epsg:[0-9.]*:(\d{1,6})$/i;
const CRS84 = [/^ogc:crs84$/i, /^https?:\/\/www\.opengis\.net\/def\/crs\/ogc\/1\.3\/crs84$/i, /^urn:ogc:def:crs:ogc:(1\.3|2)?:(crs)?84$/i];

export function parseCrs(text: string): string {
  const value = text.trim();
  if (CRS84.some((re) => re.test(value))) return 'OGC:CRS84';
  const code = EPSG.exec(value)?.[1] ?? EPSG_URI.exec(value)?.[1] ?? EPSG_URN.exec(value)?.[1];
  if (code === undefined || Number(code) === 0) {
    throw new InvalidValue(`expected EPSG:<code> (such as EPSG:4326), an http://www.opengis.net/def/crs/... URI or OGC:CRS84, got ${show(text)}`);
  }
  return `EPSG:${Number(code)}`;
}
