// The types the parts of the raster engine agree on: sources, decoded blocks, CRS transforms.
// Each part (decode/, geo/, cog/, source/, warp/, encode/, writer/) builds on these and on nothing of the others'
// internals.

/** The sample types a raster band can hold, named as numpy / rasterio name them. */
export type SampleType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type TypedArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Bytes read from somewhere (a file, an http(s) URL, Azure Blob Storage), by ranges. */
export interface Source {
  /** The location as the user gave it (for messages and cache keys). */
  readonly url: string;
  /** Reads `length` bytes at `offset`; fewer only at the end of the source. Rejects with AppError. */
  read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** Total size in bytes, when known (after the first read). */
  size(): number | undefined;
  /** A validator of the content (an ETag or mtime+size), when known, to key caches. */
  version(): string | undefined;
}

/** How one stored block (tile or strip) of a TIFF image is encoded: what the decoder needs. */
export interface BlockLayout {
  /** TIFF Compression tag: 1 none, 5 LZW, 7 JPEG, 8 / 32946 deflate, 32773 packbits, 34887 LERC, 50000 ZSTD, 50001 WebP. */
  compression: number;
  /** TIFF Predictor tag: 1 none, 2 horizontal, 3 floating point. */
  predictor: number;
  /** Block size in pixels (a strip's height is its RowsPerStrip, the last strip may hold fewer rows). */
  width: number;
  height: number;
  /** Samples stored per pixel in this block: all bands when PlanarConfiguration is 1, else 1. */
  samplesPerPixel: number;
  /** Bits per sample: 1 (masks), 8, 16, 32 or 64. */
  bitsPerSample: number;
  /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
  sampleFormat: number;
  littleEndian: boolean;
  /** TIFF Photometric: 6 means YCbCr (JPEG to be converted to RGB). */
  photometric: number;
  /** The JPEGTables tag, when the file has one (abbreviated JPEG streams in each block). */
  jpegTables?: Uint8Array | undefined;
  /** The LercParameters tag (LERC version, then the extra compression: 0 none, 1 deflate, 2 zstd), for LERC blocks. */
  lercParameters?: readonly number[] | undefined;
}

/** A decoded block: `width * height * samplesPerPixel` samples, pixel-interleaved, of the layout's sample type. */
export interface DecodedBlock {
  data: TypedArray;
  width: number;
  height: number;
  samplesPerPixel: number;
}

/** A 2D affine geotransform as GDAL orders it: x = c0 + col*c1 + row*c2, y = c3 + col*c4 + row*c5. */
export type GeoTransform = readonly [number, number, number, number, number, number];

/** A coordinate reference system: its identifier when it has one, and a proj4 definition. */
export interface Crs {
  /** e.g. "EPSG:32631", or undefined for a user-defined CRS. */
  id: string | undefined;
  proj4: string;
  /** True for geographic (degrees) CRSs. */
  geographic: boolean;
}

/** Transforms points between two CRSs; both directions; arrays are transformed in place. */
export interface Transformer {
  forward(x: number, y: number): [number, number];
  inverse(x: number, y: number): [number, number];
}
