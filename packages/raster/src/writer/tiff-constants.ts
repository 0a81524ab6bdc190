// TIFF 6.0, GeoTIFF 1.1 and GDAL private tag numbers and field types: facts of the specifications.
import type { SampleType } from '../types.js';

export const Tag = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
  PlanarConfiguration: 284,
  Predictor: 317,
  ColorMap: 320,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GeoDoubleParams: 34736,
  GeoAsciiParams: 34737,
  GdalMetadata: 42112,
  GdalNodata: 42113,
} as const;

/** TIFF field types and their sizes in bytes. */
export const FieldType = { BYTE: 1, ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12 } as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];
export const fieldTypeSize: Record<FieldType, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 12: 8 };

export const Compression = { None: 1, Deflate: 8 } as const;
export const Photometric = { MinIsBlack: 1, Rgb: 2, Palette: 3, Mask: 4 } as const;
export const Predictor = { None: 1, Horizontal: 2, FloatingPoint: 3 } as const;
/** NewSubfileType bits: 1 reduced-resolution image (overview), 4 transparency mask. */
export const SubfileType = { Overview: 1, Mask: 4 } as const;
/** ExtraSamples values: 0 unspecified, 2 unassociated alpha. */
export const ExtraSample = { Unspecified: 0, UnassociatedAlpha: 2 } as const;

/** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
export const sampleLayout: Record<SampleType, { bits: 8 | 16 | 32 | 64; format: 1 | 2 | 3 }> = {
  uint8: { bits: 8, format: 1 },
  int8: { bits: 8, format: 2 },
  uint16: { bits: 16, format: 1 },
  int16: { bits: 16, format: 2 },
  uint32: { bits: 32, format: 1 },
  int32: { bits: 32, format: 2 },
  float32: { bits: 32, format: 3 },
  float64: { bits: 64, format: 3 },
};

export function isFloat(type: SampleType): boolean {
  return type === 'float32' || type === 'float64';
}
