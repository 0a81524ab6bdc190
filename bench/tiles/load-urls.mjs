// The tiles the load benchmark asks for: for every COG, zooms from two below its native zoom to one above, at each
// the tile under its centre, the tiles at the corners of its bounds (partly empty: masks and PNG alpha) and a few
// more drawn at random inside, each in 256 and 512 px and as PNG, JPEG, WEBP and NPY; non-byte rasters also with
// band selection and rescale. Pure: the same infos and seed give the same list.
import { createRandom } from '../lib/random.mjs';

export const FORMATS = ['png', 'jpeg', 'webp', 'npy'];
export const SCALES = [1, 2];
const MAX_LATITUDE = 85.0511287798066;

/** WebMercatorQuad column and row of the tile at zoom z that holds lon/lat (degrees). */
export function tileAt(lon, lat, z) {
  const n = 2 ** z;
  const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/** Distinct tiles of one COG: [{z, x, y}], centre and corners first. */
export function pickTiles(info, random, extraPerZoom = 3) {
  const [west, south, east, north] = info.bounds;
  const tiles = [];
  const seen = new Set();
  const add = (z, [x, y]) => {
    const key = `${z}/${x}/${y}`;
    if (seen.has(key)) return;
    seen.add(key);
    tiles.push({ z, x, y });
  };
  for (let z = Math.max(0, info.maxzoom - 2); z <= info.maxzoom + 1; z++) {
    add(z, tileAt((west + east) / 2, (south + north) / 2, z));
    for (const [lon, lat] of [
      [west, north],
      [east, north],
      [west, south],
      [east, south],
    ]) {
      add(z, tileAt(lon, lat, z));
    }
    for (let i = 0; i < extraPerZoom; i++) add(z, tileAt(random.between(west, east), random.between(south, north), z));
  }
  return tiles;
}

/**
 * Extra query strings per kind of raster and format: byte rasters as they are; others also as a rescaled view.
 * An image holds at most 3 bands and alpha, so rasters of more bands are images of three of them (npy takes all).
 */
export function variants(info, format) {
  if (info.dtype === 'uint8') return [''];
  if (info.count >= 3) {
    const rgb = '&bidx=3&bidx=2&bidx=1&rescale=1,18000';
    return format === 'npy' || info.count === 3 ? ['', rgb] : [rgb];
  }
  return ['', '&rescale=0,2500'];
}

/**
 * Tile URLs (paths with query) for `cogs` ([{name, path, info}]) under `root`, shuffled with `seed`, each with
 * the name of its COG.
 */
export function tileUrls(cogs, root, seed) {
  const random = createRandom(seed);
  const urls = [];
  for (const cog of cogs) {
    const url = `?url=${encodeURIComponent(cog.path)}`;
    for (const t of cog.tiles) {
      for (const scale of SCALES) {
        for (const format of FORMATS) {
          for (const extra of variants(cog.info, format)) {
            urls.push({ cog: cog.name, path: `${root}/cog/tiles/WebMercatorQuad/${t.z}/${t.x}/${t.y}@${scale}x.${format}${url}${extra}` });
          }
        }
      }
    }
  }
  for (let i = urls.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [urls[i], urls[j]] = [urls[j], urls[i]];
  }
  return urls;
}
