// proj4 projection parameters of a user-defined projected CRS, from ProjCoordTransGeoKey (3075) and the
// projection parameter keys (3078–3095). Writers do not agree on which origin keys a method uses (GDAL writes
// Albers with the natural origin, LAEA with the centre), so each parameter is read from its usual key and then
// from the others that can stand for it.
import { AppError } from '@pqe/common';
import { type GeoKeys, numberKey } from './geokey-values.js';

const K = {
  StdParallel1: 3078,
  StdParallel2: 3079,
  NatOriginLong: 3080,
  NatOriginLat: 3081,
  FalseEasting: 3082,
  FalseNorthing: 3083,
  FalseOriginLong: 3084,
  FalseOriginLat: 3085,
  FalseOriginEasting: 3086,
  FalseOriginNorthing: 3087,
  CenterLong: 3088,
  CenterLat: 3089,
  CenterEasting: 3090,
  CenterNorthing: 3091,
  ScaleAtNatOrigin: 3092,
  ScaleAtCenter: 3093,
  StraightVertPoleLong: 3095,
} as const;

/** The coordinate transformation codes of GeoTIFF (and GDAL's 28 for cylindrical equal area), for messages. */
const methodNames: ReadonlyMap<number, string> = new Map([
  [1, 'Transverse Mercator'],
  [2, 'Transverse Mercator (Modified Alaska)'],
  [3, 'Oblique Mercator'],
  [4, 'Oblique Mercator (Laborde)'],
  [5, 'Oblique Mercator (Rosenmund)'],
  [6, 'Oblique Mercator (Spherical)'],
  [7, 'Mercator'],
  [8, 'Lambert Conformal Conic 2SP'],
  [9, 'Lambert Conformal Conic 1SP'],
  [10, 'Lambert Azimuthal Equal Area'],
  [11, 'Albers Equal Area'],
  [12, 'Azimuthal Equidistant'],
  [13, 'Equidistant Conic'],
  [14, 'Stereographic'],
  [15, 'Polar Stereographic'],
  [16, 'Oblique Stereographic'],
  [17, 'Equirectangular'],
  [18, 'Cassini-Soldner'],
  [19, 'Gnomonic'],
  [20, 'Miller Cylindrical'],
  [21, 'Orthographic'],
  [22, 'Polyconic'],
  [23, 'Robinson'],
  [24, 'Sinusoidal'],
  [25, 'VanDerGrinten'],
  [26, 'New Zealand Map Grid'],
  [27, 'Transverse Mercator (South Oriented)'],
  [28, 'Cylindrical Equal Area'],
]);

/**
 * The `+proj=… +lat_0=… +x_0=…` part of a proj4 definition. Angles are converted from the file's angular unit
 * (`degreesPerUnit`) to degrees, false eastings and northings from its linear unit to metres, as proj4 wants them.
 */
export function projectionParameters(method: number, keys: GeoKeys, degreesPerUnit: number, metresPerUnit: number): string {
  const first = (ids: readonly number[]): number | undefined => {
    for (const id of ids) {
      const value = numberKey(keys, id);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const angle = (ids: readonly number[], fallback = 0): number => {
    const value = first(ids);
    return value === undefined ? fallback : value * degreesPerUnit;
  };
  const length = (ids: readonly number[]): number => (first(ids) ?? 0) * metresPerUnit;
  const scale = (ids: readonly number[]): number => first(ids) ?? 1;

  const lon0 = (...ids: number[]): string => `+lon_0=${angle(ids)}`;
  const lat0 = (...ids: number[]): string => `+lat_0=${angle(ids)}`;
  const falseOrigin = (...order: ('natural' | 'false' | 'center')[]): string => {
    const eastings = { natural: K.FalseEasting, false: K.FalseOriginEasting, center: K.CenterEasting } as const;
    const northings = { natural: K.FalseNorthing, false: K.FalseOriginNorthing, center: K.CenterNorthing } as const;
    return `+x_0=${length(order.map((o) => eastings[o]))} +y_0=${length(order.map((o) => northings[o]))}`;
  };
  const natural = [K.NatOriginLat, K.NatOriginLong] as const;
  const center = [K.CenterLat, K.CenterLong] as const;
  const falseOriginLatLon = [K.FalseOriginLat, K.FalseOriginLong] as const;

  switch (method) {
    case 1:
      return [
        '+proj=tmerc',
        lat0(natural[0], center[0], falseOriginLatLon[0]),
        lon0(natural[1], center[1], falseOriginLatLon[1]),
        `+k=${scale([K.ScaleAtNatOrigin, K.ScaleAtCenter])}`,
        falseOrigin('natural', 'false', 'center'),
      ].join(' ');
    case 7: {
      const latTs = first([K.StdParallel1]);
      const scaleOrParallel = latTs === undefined ? `+k=${scale([K.ScaleAtNatOrigin, K.ScaleAtCenter])}` : `+lat_ts=${latTs * degreesPerUnit}`;
      return ['+proj=merc', lon0(natural[1], center[1], falseOriginLatLon[1]), scaleOrParallel, falseOrigin('natural', 'false', 'center')].join(' ');
    }
    case 8:
      return [
        '+proj=lcc',
        `+lat_1=${angle([K.StdParallel1])}`,
        `+lat_2=${angle([K.StdParallel2, K.StdParallel1])}`,
        lat0(falseOriginLatLon[0], natural[0], center[0]),
        lon0(falseOriginLatLon[1], natural[1], center[1]),
        falseOrigin('false', 'natural', 'center'),
      ].join(' ');
    case 9: {
      const lat = angle([natural[0], center[0], falseOriginLatLon[0]]);
      return [
        '+proj=lcc',
        `+lat_1=${lat} +lat_0=${lat}`,
        lon0(natural[1], center[1], falseOriginLatLon[1]),
        `+k_0=${scale([K.ScaleAtNatOrigin, K.ScaleAtCenter])}`,
        falseOrigin('natural', 'false', 'center'),
      ].join(' ');
    }
    case 10:
      return [
        '+proj=laea',
        lat0(center[0], natural[0], falseOriginLatLon[0]),
        lon0(center[1], natural[1], falseOriginLatLon[1]),
        falseOrigin('natural', 'center', 'false'),
      ].join(' ');
    case 11:
      return [
        '+proj=aea',
        `+lat_1=${angle([K.StdParallel1])}`,
        `+lat_2=${angle([K.StdParallel2, K.StdParallel1])}`,
        lat0(natural[0], falseOriginLatLon[0], center[0]),
        lon0(natural[1], falseOriginLatLon[1], center[1]),
        falseOrigin('natural', 'false', 'center'),
      ].join(' ');
    case 15:
      return `${polarStereographic(
        angle([K.NatOriginLat, K.CenterLat]),
        angle([K.StraightVertPoleLong, K.NatOriginLong, K.CenterLong]),
        scale([K.ScaleAtNatOrigin, K.ScaleAtCenter]),
      )} ${falseOrigin('natural', 'false', 'center')}`;
    case 17:
      return [
        '+proj=eqc',
        `+lat_ts=${angle([K.StdParallel1])}`,
        lat0(center[0], natural[0]),
        lon0(center[1], natural[1], falseOriginLatLon[1]),
        falseOrigin('natural', 'center', 'false'),
      ].join(' ');
    case 24:
      return ['+proj=sinu', lon0(center[1], natural[1], falseOriginLatLon[1]), falseOrigin('natural', 'center', 'false')].join(' ');
    case 28:
      return [
        '+proj=cea',
        `+lat_ts=${angle([K.StdParallel1])}`,
        lon0(natural[1], center[1], falseOriginLatLon[1]),
        falseOrigin('natural', 'center', 'false'),
      ].join(' ');
    default: {
      const name = methodNames.get(method);
      throw new AppError(
        'BadRequest',
        `The GeoTIFF's CRS uses the projection method ${name === undefined ? `number ${method}` : `${name} (${method})`} (ProjCoordTransGeoKey), which pqe does not support; reproject the file (e.g. with gdalwarp -t_srs EPSG:4326).`,
      );
    }
  }
}

/**
 * Polar stereographic: the file gives either the pole itself (±90, variant A, with a scale factor) or the latitude
 * of true scale (variant B), whose sign says which pole.
 */
function polarStereographic(latitude: number, longitude: number, k: number): string {
  if (!(Math.abs(latitude) <= 90) || latitude === 0) {
    throw new AppError(
      'BadRequest',
      `The GeoTIFF's polar stereographic CRS has a latitude of origin of ${latitude}°, which is not a pole or a latitude of true scale.`,
    );
  }
  const pole = latitude > 0 ? 90 : -90;
  if (Math.abs(latitude) === 90) return `+proj=stere +lat_0=${pole} +lon_0=${longitude} +k=${k}`;
  return `+proj=stere +lat_0=${pole} +lat_ts=${latitude} +lon_0=${longitude}`;
}
