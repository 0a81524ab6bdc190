// The 13 TileMatrixSets of morecantile 5.4 (what titiler 0.18 and the Planetary Computer serve), each from its
// defining numbers: CRS, axis order, top-left origin, tile size, matrix sizes and the cell size of each level.
import { CANADIAN_LCC, CDB1, ETRS89_LAEA, GNOSIS, type Levels, LINZ_ANTARCTIC, NZTM2000, UPS, UTM31, WORLD_GEOGRAPHIC, WORLD_MERCATOR } from './tms-levels.js';
import { cdb1MatrixWidths, gnosisMatrixWidths, type VariableMatrixWidth } from './variable-matrix-widths.js';

export interface TileMatrixSetDefinition {
  id: string;
  title: string;
  uri?: string;
  /** The CRS as the OGC document names it (a URI or URN). */
  crs: string;
  /** Axis names in the CRS's own order; the origin is given in this order. */
  orderedAxes: readonly [string, string];
  wellKnownScaleSet?: string;
  /** The top-left corner of every level, in `orderedAxes` order. */
  pointOfOrigin: readonly [number, number];
  firstZoom: number;
  levels: Levels;
  tileSize(zoom: number): number;
  /** [matrixWidth, matrixHeight] of a level. */
  matrixSize(zoom: number): readonly [number, number];
  variableMatrixWidths?(zoom: number, matrixHeight: number): VariableMatrixWidth[] | undefined;
}

const OGC_TMS = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/';
const EPSG = 'http://www.opengis.net/def/crs/EPSG/0/';
const WKSS = 'http://www.opengis.net/def/wkss/OGC/1.0/';

const tile256 = (): number => 256;
/** One tile at level 0, doubling each way per level. */
const quad = (zoom: number): readonly [number, number] => [2 ** zoom, 2 ** zoom];
/** Two tiles side by side at level 0 (the whole world in degrees), doubling per level. */
const worldInDegrees = (zoom: number): readonly [number, number] => [2 ** (zoom + 1), 2 ** zoom];
/** A list of matrix sizes, for grids whose extent is not a power of two of tiles. */
const listed =
  (widths: readonly number[], heights: readonly number[], firstZoom = 0) =>
  (zoom: number): readonly [number, number] => [widths[zoom - firstZoom] ?? 0, heights[zoom - firstZoom] ?? 0];

export const tileMatrixSetDefinitions: readonly TileMatrixSetDefinition[] = [
  {
    id: 'CDB1GlobalGrid',
    title: 'CDB 1 Global Grid',
    uri: `${OGC_TMS}CDB1GlobalGrid`,
    crs: `${EPSG}4326`,
    orderedAxes: ['Lat', 'Lon'],
    pointOfOrigin: [90, -180],
    firstZoom: -10,
    levels: CDB1,
    // Tiles of 1° from level -10 to 0 (growing from 1 to 1024 pixels), then 1024-pixel tiles halving in extent.
    tileSize: (zoom) => (zoom <= 0 ? 2 ** (zoom + 10) : 1024),
    matrixSize: (zoom) => (zoom <= 0 ? [360, 180] : [360 * 2 ** zoom, 180 * 2 ** zoom]),
    variableMatrixWidths: (zoom) => cdb1MatrixWidths(zoom),
  },
  {
    id: 'CanadianNAD83_LCC',
    title: 'Lambert conformal conic NAD83 for Canada',
    uri: `${OGC_TMS}CanadianNAD83_LCC`,
    crs: `${EPSG}3978`,
    orderedAxes: ['E', 'N'],
    pointOfOrigin: [-34655800, 39310000],
    firstZoom: 0,
    levels: CANADIAN_LCC,
    tileSize: tile256,
    matrixSize: listed(
      [
        5, 8, 13, 21, 36, 62, 103, 177, 309, 515, 882, 1470, 2469, 4257, 7262, 12344, 20574, 35269, 61720, 102866, 176341, 308596, 514327, 881703, 1469505,
        2468768,
      ],
      [
        5, 8, 14, 22, 38, 66, 110, 188, 329, 548, 938, 1563, 2626, 4528, 7723, 13130, 21882, 37512, 65646, 109409, 187558, 328227, 547044, 937790, 1562983,
        2625811,
      ],
    ),
  },
  {
    id: 'EuropeanETRS89_LAEAQuad',
    title: 'Lambert Azimuthal Equal Area ETRS89 for Europe',
    uri: `${OGC_TMS}EuropeanETRS89_LAEAQuad`,
    crs: `${EPSG}3035`,
    orderedAxes: ['Y', 'X'],
    pointOfOrigin: [5500000, 2000000],
    firstZoom: 0,
    levels: ETRS89_LAEA,
    tileSize: tile256,
    matrixSize: quad,
  },
  {
    id: 'GNOSISGlobalGrid',
    title: 'GNOSIS Global Grid',
    uri: `${OGC_TMS}GNOSISGlobalGrid`,
    crs: `${EPSG}4326`,
    orderedAxes: ['Lat', 'Lon'],
    wellKnownScaleSet: `${WKSS}GoogleCRS84Quad`,
    pointOfOrigin: [90, -180],
    firstZoom: 0,
    levels: GNOSIS,
    tileSize: tile256,
    // Four tiles of 90° at level 0.
    matrixSize: (zoom) => [2 ** (zoom + 2), 2 ** (zoom + 1)],
    variableMatrixWidths: gnosisMatrixWidths,
  },
  {
    id: 'LINZAntarticaMapTilegrid',
    title: 'LINZ Antarctic Map Tile Grid (Ross Sea Region)',
    crs: 'urn:ogc:def:crs:EPSG::5482',
    orderedAxes: ['Y', 'X'],
    pointOfOrigin: [6918457.73, -918457.73],
    firstZoom: 0,
    levels: LINZ_ANTARCTIC,
    tileSize: tile256,
    matrixSize: listed([1, 1, 2, 4, 7, 13, 26, 52, 104, 207, 413, 826, 1652, 3303], [1, 1, 2, 4, 7, 13, 26, 52, 104, 207, 413, 826, 1652, 3303]),
  },
  {
    id: 'NZTM2000Quad',
    title: 'LINZ NZTM2000Quad Map Tile Grid',
    crs: 'urn:ogc:def:crs:EPSG::2193',
    orderedAxes: ['Y', 'X'],
    pointOfOrigin: [10438190.1652, -3260586.7284],
    firstZoom: 0,
    levels: NZTM2000,
    tileSize: tile256,
    matrixSize: quad,
  },
  {
    id: 'UPSAntarcticWGS84Quad',
    title: 'Universal Polar Stereographic WGS 84 Quad for Antarctic',
    uri: `${OGC_TMS}UPSAntarcticWGS84Quad`,
    crs: `${EPSG}5042`,
    orderedAxes: ['E', 'N'],
    pointOfOrigin: [-14440759.350252, 18440759.350252],
    firstZoom: 0,
    levels: UPS,
    tileSize: tile256,
    matrixSize: quad,
  },
  {
    id: 'UPSArcticWGS84Quad',
    title: 'Universal Polar Stereographic WGS 84 Quad for Arctic',
    uri: `${OGC_TMS}UPSArcticWGS84Quad`,
    crs: `${EPSG}5041`,
    orderedAxes: ['E', 'N'],
    pointOfOrigin: [-14440759.350252, 18440759.350252],
    firstZoom: 0,
    levels: UPS,
    tileSize: tile256,
    matrixSize: quad,
  },
  {
    id: 'UTM31WGS84Quad',
    title: 'Universal Transverse Mercator Zone 31 WGS84 Quad',
    uri: `${OGC_TMS}UTM31WGS84Quad`,
    crs: `${EPSG}32631`,
    orderedAxes: ['E', 'N'],
    pointOfOrigin: [-9501965.72931276, 20003931.4586255],
    firstZoom: 1,
    levels: UTM31,
    tileSize: tile256,
    // One column of two tiles at level 1.
    matrixSize: (zoom) => [2 ** (zoom - 1), 2 ** zoom],
  },
  {
    id: 'WGS1984Quad',
    title: 'EPSG:4326 for the World',
    // morecantile 5.4 gives this set the URI of WorldCRS84Quad; kept so that clients see the same document.
    uri: `${OGC_TMS}WorldCRS84Quad`,
    crs: `${EPSG}4326`,
    orderedAxes: ['Lat', 'Lon'],
    wellKnownScaleSet: `${WKSS}GoogleCRS84Quad`,
    pointOfOrigin: [90, -180],
    firstZoom: 0,
    levels: WORLD_GEOGRAPHIC,
    tileSize: tile256,
    matrixSize: worldInDegrees,
  },
  {
    id: 'WebMercatorQuad',
    title: 'Google Maps Compatible for the World',
    uri: `${OGC_TMS}WebMercatorQuad`,
    crs: `${EPSG}3857`,
    orderedAxes: ['X', 'Y'],
    wellKnownScaleSet: `${WKSS}GoogleMapsCompatible`,
    pointOfOrigin: [-20037508.342789244, 20037508.342789244],
    firstZoom: 0,
    levels: WORLD_MERCATOR,
    tileSize: tile256,
    matrixSize: quad,
  },
  {
    id: 'WorldCRS84Quad',
    title: 'CRS84 for the World',
    uri: `${OGC_TMS}WorldCRS84Quad`,
    crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
    orderedAxes: ['Lon', 'Lat'],
    wellKnownScaleSet: `${WKSS}GoogleCRS84Quad`,
    pointOfOrigin: [-180, 90],
    firstZoom: 0,
    levels: WORLD_GEOGRAPHIC,
    tileSize: tile256,
    matrixSize: worldInDegrees,
  },
  {
    id: 'WorldMercatorWGS84Quad',
    title: 'World Mercator WGS84 (ellipsoid)',
    uri: `${OGC_TMS}WorldMercatorWGS84Quad`,
    crs: `${EPSG}3395`,
    orderedAxes: ['E', 'N'],
    wellKnownScaleSet: `${WKSS}WorldMercatorWGS84`,
    // The same grid as WebMercatorQuad with its origin written to fewer digits.
    pointOfOrigin: [-20037508.3427892, 20037508.3427892],
    firstZoom: 0,
    levels: WORLD_MERCATOR,
    tileSize: tile256,
    matrixSize: quad,
  },
];
