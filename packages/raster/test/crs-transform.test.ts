// Our EPSG registry and transformers against GDAL/PROJ (gdaltransform): for each CRS, a 3×3 grid of points in
// its area of use goes forward with both; our inverse of GDAL's projected points must give back the originals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crsFromEpsg } from '../src/crs/crs.js';
import { transformer } from '../src/crs/transformer.js';
import { gdalMissing, gdalTransform, limited } from './crs-gdal.js';

/** EPSG code, centre of the sample (lon, lat), half-spread (degrees), tolerance of the projected side. */
interface Case {
  code: number;
  center: readonly [number, number];
  spread: readonly [number, number];
  tolerance?: number;
  /** Tolerance of the inverse, degrees. */
  inverseTolerance?: number;
}

const MM = 1e-3;
const GEOGRAPHIC_TOLERANCE = 1e-8;

const cases: readonly Case[] = [
  { code: 3857, center: [10, 20], spread: [150, 60] },
  { code: 3395, center: [10, 20], spread: [150, 60] },
  { code: 32631, center: [3, 45], spread: [2.5, 30] },
  { code: 32760, center: [177, -30], spread: [2.5, 30] },
  { code: 26915, center: [-93, 40], spread: [2.5, 10] },
  { code: 4269, center: [-100, 40], spread: [20, 10] },
  { code: 4258, center: [10, 50], spread: [20, 10] },
  { code: 3035, center: [10, 52], spread: [20, 15] },
  { code: 25832, center: [9, 52], spread: [2.5, 10] },
  { code: 3978, center: [-95, 60], spread: [30, 12] },
  { code: 5482, center: [175, -80], spread: [20, 5] },
  { code: 2193, center: [173, -41], spread: [5, 5] },
  { code: 5041, center: [0, 80], spread: [90, 5] },
  { code: 5042, center: [0, -80], spread: [90, 5] },
  { code: 2154, center: [3, 46.5], spread: [5, 4] },
  { code: 3031, center: [0, -75], spread: [90, 10] },
  { code: 3413, center: [-45, 75], spread: [90, 10] },
  { code: 6933, center: [0, 0], spread: [120, 60] },
  { code: 5070, center: [-96, 38], spread: [25, 12] },
  { code: 3338, center: [-154, 60], spread: [15, 7] },
  { code: 4087, center: [0, 0], spread: [150, 70] },
  // OSGB36: PROJ has no OSTN15 grid here and uses EPSG:1314, as we do; proj4 inverts the 7-parameter Helmert
  // by negating its parameters, PROJ exactly. Measured on these points: forward within 0.75 mm, inverse within
  // 1.7e-8 degrees (about 1 mm).
  { code: 27700, center: [-2, 54], spread: [3, 4], inverseTolerance: 2e-8 },
  // NAD27: PROJ has no NAD27 grid here and picks, per point, the Helmert transformation whose area holds it (east
  // or west of the Mississippi, Canada...); we always use EPSG:1173 (conterminous US). Those differ by metres:
  // the largest difference measured on these points is 1.4 m (1.4e-5 degrees), hence 5 m (5e-5 degrees).
  { code: 26715, center: [-93, 40], spread: [2.5, 8], tolerance: 5, inverseTolerance: 5e-5 },
  { code: 4267, center: [-100, 40], spread: [20, 8], tolerance: 5e-5, inverseTolerance: 5e-5 },
];

/** A 3×3 grid around the centre, longitudes wrapped into [-180, 180] as transforms return them. */
function grid({ center, spread }: Case): [number, number][] {
  const points: [number, number][] = [];
  for (const fy of [-1, 0, 1]) {
    for (const fx of [-1, 0, 1]) {
      const lon = center[0] + fx * spread[0];
      points.push([lon > 180 ? lon - 360 : lon, center[1] + fy * spread[1]]);
    }
  }
  return points;
}

const missing = gdalMissing();

test('EPSG CRSs transform from WGS 84 as GDAL/PROJ transforms them, both ways', async (t) => {
  if (missing !== undefined) {
    t.skip(missing);
    return;
  }
  const wgs84 = crsFromEpsg(4326);
  const references = await limited(
    4,
    cases.map((c) => () => gdalTransform('EPSG:4326', `EPSG:${c.code}`, grid(c))),
  );
  cases.forEach((c, i) => {
    const crs = crsFromEpsg(c.code);
    const tolerance = c.tolerance ?? (crs.geographic ? GEOGRAPHIC_TOLERANCE : MM);
    const toCrs = transformer(wgs84, crs);
    const reference = references[i] ?? [];
    grid(c).forEach(([lon, lat], j) => {
      const [gx, gy] = reference[j] ?? [Number.NaN, Number.NaN];
      const [x, y] = toCrs.forward(lon, lat);
      assert.ok(
        Math.abs(x - gx) <= tolerance && Math.abs(y - gy) <= tolerance,
        `EPSG:${c.code} forward (${lon}, ${lat}): ours (${x}, ${y}), GDAL (${gx}, ${gy})`,
      );
      const [blon, blat] = toCrs.inverse(gx, gy);
      const inverseTolerance = c.inverseTolerance ?? GEOGRAPHIC_TOLERANCE;
      assert.ok(
        Math.abs(blon - lon) <= inverseTolerance && Math.abs(blat - lat) <= inverseTolerance,
        `EPSG:${c.code} inverse (${gx}, ${gy}): ours (${blon}, ${blat}), expected (${lon}, ${lat})`,
      );
    });
  });
});
