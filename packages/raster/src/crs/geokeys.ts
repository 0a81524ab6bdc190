// The GeoKeys of a GeoTIFF (GeoTIFF 1.0 / OGC GeoTIFF 1.1 key ids) and the Crs they describe: an EPSG code when
// the file names one, else a user-defined (32767) CRS assembled from its datum, units and projection keys.
import { AppError } from '@pqe/common';
import type { Crs } from '../types.js';
import { crsFromEpsg } from './crs.js';
import { angularUnits, datumFragment, ellipsoids, geographicDatums, linearUnits } from './datums.js';
import { utmProj4 } from './epsg-registry.js';
import { projectionParameters } from './geokey-projection.js';
import { type GeoKeys, numberKey } from './geokey-values.js';

export type { GeoKeys, GeoKeyValue } from './geokey-values.js';

export const GeoKey = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GeographicType: 2048,
  GeogGeodeticDatum: 2050,
  GeogPrimeMeridian: 2051,
  GeogAngularUnits: 2054,
  GeogAngularUnitSize: 2055,
  GeogEllipsoid: 2056,
  GeogSemiMajorAxis: 2057,
  GeogSemiMinorAxis: 2058,
  GeogInvFlattening: 2059,
  GeogPrimeMeridianLong: 2061,
  GeogTOWGS84: 2062,
  ProjectedCSType: 3072,
  Projection: 3074,
  ProjCoordTrans: 3075,
  ProjLinearUnits: 3076,
  ProjLinearUnitSize: 3077,
} as const;

const USER_DEFINED = 32767;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const MODEL_GEOCENTRIC = 3;

/** Prime meridians by EPSG code, in degrees east of Greenwich. */
const primeMeridians: ReadonlyMap<number, number> = new Map([
  [8901, 0], // Greenwich
  [8903, 2.33722917], // Paris
]);

function unsupported(what: string): AppError {
  return new AppError('BadRequest', `The GeoTIFF's CRS uses ${what}, which pqe does not support; reproject the file (e.g. with gdalwarp -t_srs EPSG:4326).`);
}

/** The Crs a GeoTIFF's GeoKeys describe. Throws a BadRequest AppError naming what is missing or unsupported. */
export function crsFromGeoKeys(keys: GeoKeys): Crs {
  const model = numberKey(keys, GeoKey.GTModelType);
  if (model === MODEL_GEOCENTRIC) throw unsupported('a geocentric model (GTModelTypeGeoKey 3)');
  const projectedCode = numberKey(keys, GeoKey.ProjectedCSType);
  const geographicCode = numberKey(keys, GeoKey.GeographicType);
  if (model === MODEL_PROJECTED || (model === undefined && projectedCode !== undefined)) {
    if (projectedCode !== undefined && projectedCode !== USER_DEFINED) return crsFromEpsg(projectedCode);
    return userDefinedProjected(keys);
  }
  if (model === MODEL_GEOGRAPHIC || (model === undefined && geographicCode !== undefined)) {
    if (geographicCode !== undefined && geographicCode !== USER_DEFINED) return crsFromEpsg(geographicCode);
    const degreesPerUnit = angularUnit(keys);
    if (degreesPerUnit !== 1) throw unsupported('geographic coordinates in angular units other than degrees');
    return { id: undefined, proj4: `+proj=longlat ${geodeticFragment(keys)} +no_defs`, geographic: true };
  }
  if (model !== undefined) throw unsupported(`GTModelTypeGeoKey ${model}`);
  throw new AppError('BadRequest', 'The GeoTIFF has no coordinate reference system (no GTModelTypeGeoKey, ProjectedCSTypeGeoKey or GeographicTypeGeoKey).');
}

function userDefinedProjected(keys: GeoKeys): Crs {
  const datum = geodeticFragment(keys);
  const metresPerUnit = linearUnit(keys);
  const units = metresPerUnit === 1 ? '+units=m' : `+to_meter=${metresPerUnit}`;
  const projection = numberKey(keys, GeoKey.Projection);
  // EPSG's UTM conversions: 16001–16060 north, 16101–16160 south.
  if (projection !== undefined && projection > 16000 && projection <= 16160 && projection % 100 >= 1 && projection % 100 <= 60 && metresPerUnit === 1) {
    return { id: undefined, proj4: utmProj4(projection % 100, projection > 16100, datum), geographic: false };
  }
  const transform = numberKey(keys, GeoKey.ProjCoordTrans);
  if (transform === undefined) {
    if (projection !== undefined && projection !== USER_DEFINED) throw unsupported(`the EPSG projection (conversion) ${projection}`);
    throw new AppError('BadRequest', 'The GeoTIFF has a user-defined projected CRS without ProjCoordTransGeoKey (3075).');
  }
  const parameters = projectionParameters(transform, keys, angularUnit(keys), metresPerUnit);
  return { id: undefined, proj4: `${parameters} ${datum} ${units} +no_defs`, geographic: false };
}

/** The datum (or the ellipsoid, with a shift when the file gives one) as a proj4 fragment, with the prime meridian. */
function geodeticFragment(keys: GeoKeys): string {
  const code = numberKey(keys, GeoKey.GeographicType);
  let fragment: string | undefined;
  if (code !== undefined && code !== USER_DEFINED) {
    fragment = geographicDatums.get(code);
    if (fragment === undefined) throw unsupported(`the geographic CRS EPSG:${code}`);
  } else {
    const datum = numberKey(keys, GeoKey.GeogGeodeticDatum);
    if (datum !== undefined && datum !== USER_DEFINED) fragment = datumFragment(datum);
    fragment ??= ellipsoidFragment(keys) + towgs84(keys);
  }
  return fragment + primeMeridian(keys);
}

function ellipsoidFragment(keys: GeoKeys): string {
  const code = numberKey(keys, GeoKey.GeogEllipsoid);
  let a: number | undefined;
  let rf: number | undefined;
  let b: number | undefined;
  if (code !== undefined && code !== USER_DEFINED) {
    const known = ellipsoids.get(code);
    if (known === undefined) throw unsupported(`the ellipsoid EPSG:${code}`);
    [a, rf] = known;
  } else {
    a = numberKey(keys, GeoKey.GeogSemiMajorAxis);
    rf = numberKey(keys, GeoKey.GeogInvFlattening);
    b = numberKey(keys, GeoKey.GeogSemiMinorAxis);
  }
  // libgeotiff's default when a file says nothing about its datum: WGS 84.
  if (a === undefined) return '+datum=WGS84';
  if (!(a > 1e6 && a < 1e8)) throw new AppError('BadRequest', `The GeoTIFF's ellipsoid has a semi-major axis of ${a} m, which is not a planet's.`);
  if (rf !== undefined && rf !== 0) return `+a=${a} +rf=${rf}`;
  if (b !== undefined && b > 0 && b <= a) return `+a=${a} +b=${b}`;
  return `+a=${a} +b=${a}`;
}

function towgs84(keys: GeoKeys): string {
  const value = keys[GeoKey.GeogTOWGS84];
  if (value === undefined) return '';
  if (Array.isArray(value) && (value.length === 3 || value.length === 7) && value.every((v) => Number.isFinite(v))) {
    return ` +towgs84=${value.join(',')}`;
  }
  throw new AppError('BadRequest', 'The GeoTIFF has a GeogTOWGS84GeoKey (2062) that is not 3 or 7 numbers.');
}

function primeMeridian(keys: GeoKeys): string {
  const code = numberKey(keys, GeoKey.GeogPrimeMeridian);
  let degrees = 0;
  if (code !== undefined && code !== USER_DEFINED) {
    const known = primeMeridians.get(code);
    if (known === undefined) throw unsupported(`the prime meridian EPSG:${code}`);
    degrees = known;
  } else {
    degrees = (numberKey(keys, GeoKey.GeogPrimeMeridianLong) ?? 0) * angularUnit(keys);
  }
  return degrees === 0 ? '' : ` +pm=${degrees}`;
}

/** Degrees per angular unit of the file (GeogAngularUnitsGeoKey, or its size in radians when user-defined). */
function angularUnit(keys: GeoKeys): number {
  const code = numberKey(keys, GeoKey.GeogAngularUnits);
  if (code === undefined) return 1;
  if (code === USER_DEFINED) {
    const radians = numberKey(keys, GeoKey.GeogAngularUnitSize);
    if (radians === undefined || !(radians > 0))
      throw new AppError('BadRequest', 'The GeoTIFF has user-defined angular units without a valid GeogAngularUnitSizeGeoKey (2055).');
    return (radians * 180) / Math.PI;
  }
  const degrees = angularUnits.get(code);
  if (degrees === undefined) throw unsupported(`the angular unit EPSG:${code}`);
  return degrees;
}

/** Metres per linear unit of the projection (ProjLinearUnitsGeoKey, or ProjLinearUnitSizeGeoKey when user-defined). */
function linearUnit(keys: GeoKeys): number {
  const code = numberKey(keys, GeoKey.ProjLinearUnits);
  if (code === undefined) return 1;
  if (code === USER_DEFINED) {
    const metres = numberKey(keys, GeoKey.ProjLinearUnitSize);
    if (metres === undefined || !(metres > 0))
      throw new AppError('BadRequest', 'The GeoTIFF has user-defined linear units without a valid ProjLinearUnitSizeGeoKey (3077).');
    return metres;
  }
  const metres = linearUnits.get(code);
  if (metres === undefined) throw unsupported(`the linear unit EPSG:${code}`);
  return metres;
}
