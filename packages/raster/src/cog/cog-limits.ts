// Bounds on what a TIFF may declare. A file is data from outside: its header says how much to read and to
// allocate, so every such number is checked against these before it is used.

export interface CogLimits {
  /** Bytes read at once while opening (the first read usually holds the header and every IFD). */
  headerReadSize: number;
  /** Total bytes read while opening, IFDs and tag values together. */
  maxHeaderBytes: number;
  /** Image file directories in one file (full image, overviews, masks). */
  maxIfds: number;
  /** Entries in one IFD. */
  maxTagsPerIfd: number;
  /** Bytes of one tag's value read while opening (GDAL metadata, color map, GeoKeys...). */
  maxTagBytes: number;
  /** Width or height of an image, in pixels. */
  maxImageSide: number;
  /** Samples per pixel. */
  maxBands: number;
  /** Bytes of one decoded block, and of one compressed block read. */
  maxBlockBytes: number;
  /** Blocks (tiles or strips, all planes) in one image, which bounds its offset tables. */
  maxBlocksPerImage: number;
}

export const DEFAULT_COG_LIMITS: CogLimits = {
  headerReadSize: 64 * 1024,
  maxHeaderBytes: 32 * 1024 * 1024,
  maxIfds: 256,
  maxTagsPerIfd: 1024,
  maxTagBytes: 8 * 1024 * 1024,
  maxImageSide: 1 << 24,
  maxBands: 4096,
  maxBlockBytes: 64 * 1024 * 1024,
  maxBlocksPerImage: 1 << 22,
};
