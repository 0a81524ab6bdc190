// GeoTIFF 1.1 georeferencing tags from a GDAL-ordered geotransform and an EPSG code.
// Raster type is PixelIsArea: the geotransform's origin is the outer corner of the first pixel, as GDAL means it.
import { AppError } from '@pqe/common';
import type { GeoTransform } from '../types.js';
import { asciiValues, type IfdEntry } from './ifd.js';
import { FieldType, Tag } from './tiff-constants.js';

export interface GeoTiffCrs {
  /** The EPSG code of a geographic 2D CRS (e.g. 4326) or of a projected CRS (e.g. 32631). */
  epsg: number;
  /** True for a geographic CRS: it decides between the GeographicType and ProjectedCSType keys. */
  geographic: boolean;
  /** Written as GTCitationGeoKey when given (GDAL reads the CRS from the code, the citation is for people). */
  citation?: string;
}

const GeoKey = { GTModelType: 1024, GTRasterType: 1025, GTCitation: 1026, GeographicType: 2048, ProjectedCSType: 3072 } as const;
const ModelType = { Projected: 1, Geographic: 2 } as const;
const RasterPixelIsArea = 1;
/** Codes above this are reserved by GeoTIFF (32767 means user-defined). */
const maxEpsgCode = 32766;

export function checkGeoTransform(gt: GeoTransform): void {
  if (gt.length !== 6 || !gt.every(Number.isFinite)) {
    throw new AppError('InvalidParameter', 'The geotransform must be six finite numbers.');
  }
  if (gt[1] * gt[5] - gt[2] * gt[4] === 0) {
    throw new AppError('InvalidParameter', 'The geotransform is degenerate: its pixel size is zero.');
  }
}

export function checkCrs(crs: GeoTiffCrs): void {
  if (!Number.isInteger(crs.epsg) || crs.epsg < 1 || crs.epsg > maxEpsgCode) {
    throw new AppError('InvalidParameter', `EPSG code ${crs.epsg} cannot be written in a GeoTIFF key: use an integer from 1 to ${maxEpsgCode}.`);
  }
  if (crs.citation !== undefined && (crs.citation.length > 1000 || crs.citation.includes('|') || /[^\x20-\x7e]/.test(crs.citation))) {
    throw new AppError('InvalidParameter', 'The CRS citation must be printable ASCII without "|", at most 1000 characters.');
  }
}

/** ModelPixelScale + ModelTiepoint for north-up rasters, ModelTransformation otherwise, then the GeoKeys. */
export function geoTags(gt: GeoTransform, crs: GeoTiffCrs | undefined): IfdEntry[] {
  const tags: IfdEntry[] = [];
  const [x0, dx, rx, y0, ry, dy] = gt;
  if (rx === 0 && ry === 0 && dy < 0) {
    tags.push({ tag: Tag.ModelPixelScale, type: FieldType.DOUBLE, values: [dx, -dy, 0] });
    tags.push({ tag: Tag.ModelTiepoint, type: FieldType.DOUBLE, values: [0, 0, 0, x0, y0, 0] });
  } else {
    tags.push({ tag: Tag.ModelTransformation, type: FieldType.DOUBLE, values: [dx, rx, 0, x0, ry, dy, 0, y0, 0, 0, 0, 0, 0, 0, 0, 1] });
  }
  if (crs === undefined) return tags;

  // Each key: id, where its value is (0 = in the key itself, or the tag holding it), count, value or index.
  const keys: number[][] = [
    [GeoKey.GTModelType, 0, 1, crs.geographic ? ModelType.Geographic : ModelType.Projected],
    [GeoKey.GTRasterType, 0, 1, RasterPixelIsArea],
  ];
  let ascii: number[] | undefined;
  if (crs.citation !== undefined) {
    const text = `${crs.citation}|`;
    keys.push([GeoKey.GTCitation, Tag.GeoAsciiParams, text.length, 0]);
    ascii = asciiValues(text);
  }
  keys.push([crs.geographic ? GeoKey.GeographicType : GeoKey.ProjectedCSType, 0, 1, crs.epsg]);
  // Header: directory version 1, key revision 1.1, number of keys.
  const directory = [1, 1, 1, keys.length, ...keys.flat()];
  tags.push({ tag: Tag.GeoKeyDirectory, type: FieldType.SHORT, values: directory });
  if (ascii) tags.push({ tag: Tag.GeoAsciiParams, type: FieldType.ASCII, values: ascii });
  return tags;
}
