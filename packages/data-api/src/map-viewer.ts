// The /cog/map page: a Leaflet map that loads the COG's TileJSON and shows its tiles. Every value from the
// request travels as JSON in a non-executed script element, with <, >, & and the line separators escaped, so
// that no input can close the element or inject markup; the page's code reads it with JSON.parse.
import type { TmsInfo } from './tms-provider.js';

const LEAFLET = 'https://unpkg.com/leaflet@1.9.4/dist';
const PROJ4 = 'https://unpkg.com/proj4@2.15.0/dist/proj4.js';
const PROJ4LEAFLET = 'https://unpkg.com/proj4leaflet@1.0.2/src/proj4leaflet.js';

/** JSON that is safe inside an HTML script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const html = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface MapPageOptions {
  /** URL of the TileJSON document (with the tile parameters). */
  tilejsonUrl: string;
  tms: TmsInfo;
  title: string;
}

export function mapPage(o: MapPageOptions): string {
  const { tms } = o;
  const webMercator = tms.id === 'WebMercatorQuad';
  const [minx, , , maxy] = tms.boundingBox;
  const config = {
    tilejson: o.tilejsonUrl,
    webMercator,
    crs: webMercator ? undefined : { code: tms.crs, proj4: tms.proj4, origin: [minx, maxy], resolutions: tms.tileMatrices.map((m) => m.cellSize) },
    minZoom: Number(tms.tileMatrices[0]?.id ?? 0),
    maxZoom: Number(tms.tileMatrices[tms.tileMatrices.length - 1]?.id ?? 24),
  };
  const projScripts = webMercator ? '' : `<script src="${PROJ4}"></script><script src="${PROJ4LEAFLET}"></script>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(o.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${LEAFLET}/leaflet.css">
<script src="${LEAFLET}/leaflet.js"></script>${projScripts}
<style>html,body,#map{margin:0;height:100%}#error{position:absolute;top:1em;left:4em;z-index:1000;background:#fff;padding:.5em;font:14px system-ui,sans-serif}</style>
</head><body><div id="map"></div><div id="error" hidden></div>
<script type="application/json" id="config">${scriptJson(config)}</script>
<script>
const config = JSON.parse(document.getElementById('config').textContent);
const showError = (message) => { const box = document.getElementById('error'); box.textContent = message; box.hidden = false; };
let crs = L.CRS.EPSG3857;
if (!config.webMercator) {
  if (config.crs.proj4 && L.Proj) crs = new L.Proj.CRS(config.crs.code, config.crs.proj4, { origin: config.crs.origin, resolutions: config.crs.resolutions });
  else showError('This page can only show this TileMatrixSet when its CRS has a proj4 definition.');
}
const map = L.map('map', { crs, minZoom: config.minZoom, maxZoom: config.maxZoom });
if (config.webMercator) {
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' }).addTo(map);
}
fetch(config.tilejson)
  .then(async (response) => {
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || body.description || response.statusText);
    return body;
  })
  .then((tilejson) => {
    const [west, south, east, north] = tilejson.bounds;
    const bounds = L.latLngBounds([south, west], [north, east]);
    L.tileLayer(tilejson.tiles[0], { minZoom: tilejson.minzoom, maxNativeZoom: tilejson.maxzoom, maxZoom: config.maxZoom, bounds }).addTo(map);
    map.fitBounds(bounds);
  })
  .catch((error) => { map.setView([0, 0], config.minZoom); showError(String(error.message || error)); });
</script>
</body></html>
`;
}
