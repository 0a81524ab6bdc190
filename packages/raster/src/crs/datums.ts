// Geodetic datums and ellipsoids as proj4 fragments, keyed by their EPSG codes. Written from the EPSG
// parameters; a datum shift is given as +towgs84 (Helmert) because proj4 has no transformation grids here.

/** proj4 fragment of each geographic CRS (EPSG code of the GeographicTypeGeoKey kind). */
export const geographicDatums: ReadonlyMap<number, string> = new Map([
  [4326, '+datum=WGS84'],
  [4269, '+datum=NAD83'],
  // NAD27 to WGS 84 (4), EPSG:1173, the conterminous US transformation; PROJ prefers grids where it has them.
  [4267, '+ellps=clrk66 +towgs84=-8,160,176,0,0,0,0'],
  [4258, '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'],
  // OSGB36 to WGS 84 (6), EPSG:1314.
  [4277, '+ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489'],
  [4171, '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'],
  [4167, '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'],
  [4764, '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'],
  [4283, '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'],
  [4322, '+ellps=WGS72 +towgs84=0,0,4.5,0,0,0.554,0.2263'],
]);

/** The datum (GeogGeodeticDatumGeoKey) codes of the geographic CRSs above: datum code = CRS code + 2000. */
export function datumFragment(datumCode: number): string | undefined {
  return geographicDatums.get(datumCode - 2000);
}

/** Ellipsoids by EPSG code: semi-major axis in metres and inverse flattening (0 for a sphere). */
export const ellipsoids: ReadonlyMap<number, readonly [number, number]> = new Map([
  [7030, [6378137, 298.257223563]], // WGS 84
  [7019, [6378137, 298.257222101]], // GRS 1980
  [7008, [6378206.4, 294.978698213898]], // Clarke 1866
  [7001, [6377563.396, 299.3249646]], // Airy 1830
  [7004, [6377397.155, 299.1528128]], // Bessel 1841
  [7022, [6378388, 297]], // International 1924
  [7043, [6378135, 298.26]], // WGS 72
  [7035, [6371000, 0]], // Sphere
  [7047, [6370997, 0]], // GRS 1980 Authalic Sphere (the older, 6370997 m)
  [7048, [6371007, 0]], // GRS 1980 Authalic Sphere
  [7052, [6370997, 0]], // Clarke 1866 Authalic Sphere
  [7059, [6378137, 0]], // Popular Visualisation Sphere
]);

/** Metres per unit of the linear units EPSG codes (ProjLinearUnitsGeoKey). */
export const linearUnits: ReadonlyMap<number, number> = new Map([
  [9001, 1], // metre
  [9002, 0.3048], // foot
  [9003, 1200 / 3937], // US survey foot
  [9030, 1852], // nautical mile
  [9036, 1000], // kilometre
]);

/** Degrees per unit of the angular units EPSG codes (GeogAngularUnitsGeoKey). */
export const angularUnits: ReadonlyMap<number, number> = new Map([
  [9101, 180 / Math.PI], // radian
  [9102, 1], // degree
  [9103, 1 / 60], // arc-minute
  [9104, 1 / 3600], // arc-second
  [9105, 0.9], // grad
  [9122, 1], // degree (supplier to define representation)
]);
