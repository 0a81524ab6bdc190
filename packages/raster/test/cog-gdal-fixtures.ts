import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Why GDAL-made rasters cannot be made here, or undefined when they can. */
export function gdalMissing(): string | undefined {
  const probe = spawnSync('gdal_translate', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'gdal_translate not installed: the COG tests make their rasters with GDAL';
}

export function gdal(tool: string, args: string[]): void {
  execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** What `gdalinfo -json` says of a raster (the reference the reader is checked against). */
export interface GdalInfo {
  size: [number, number];
  geoTransform?: number[];
  metadata?: Record<string, Record<string, string>>;
  bands: {
    band: number;
    block: [number, number];
    type: string;
    description?: string;
    colorInterpretation?: string;
    noDataValue?: number | string;
    scale?: number;
    offset?: number;
    overviews?: { size: [number, number] }[];
    mask?: { flags: string[]; overviews?: { size: [number, number] }[] };
    colorTable?: { count: number; entries: number[][] };
  }[];
}

export function gdalinfo(path: string): GdalInfo {
  return JSON.parse(execFileSync('gdalinfo', ['-json', path], { encoding: 'utf8' })) as GdalInfo;
}

/** The value of pixel (x, y) of band b in the test pattern: varied, and derived from its position only. */
export function patternValue(x: number, y: number, b: number): number {
  return (x * 7 + y * 13 + b * 101) % 251;
}

/**
 * Writes a raw pixel-interleaved raster with an ENVI header (data type 1 = Byte, 12 = UInt16), filled with
 * patternValue, for GDAL to turn into the GeoTIFF under test. Returns the path of the raw file.
 */
export async function writeEnvi(dir: string, name: string, width: number, height: number, bands: number, dataType: 1 | 12 = 1): Promise<string> {
  const bytesPerSample = dataType === 1 ? 1 : 2;
  const data = new Uint8Array(width * height * bands * bytesPerSample);
  const view = new DataView(data.buffer);
  for (let b = 0; b < bands; b += 1) {
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const at = ((y * width + x) * bands + b) * bytesPerSample;
        const value = dataType === 1 ? patternValue(x, y, b) : patternValue(x, y, b) * 257;
        if (dataType === 1) view.setUint8(at, value);
        else view.setUint16(at, value, true);
      }
    }
  }
  const path = join(dir, `${name}.bin`);
  await writeFile(path, data);
  await writeFile(
    join(dir, `${name}.hdr`),
    `ENVI\nsamples = ${width}\nlines = ${height}\nbands = ${bands}\nheader offset = 0\nfile type = ENVI Standard\ndata type = ${dataType}\ninterleave = bip\nbyte order = 0\n`,
  );
  return path;
}
