// Runs GDAL's command-line tools for tests: they are the independent reader our writers are checked against.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why GDAL cannot be used, or undefined when gdal_translate and gdalinfo both run. */
export async function gdalMissing(): Promise<string | undefined> {
  try {
    await run('gdal_translate', ['--version']);
    await run('gdalinfo', ['--version']);
    return undefined;
  } catch {
    return 'gdal_translate not installed: install GDAL (gdal-bin) to check written rasters against GDAL';
  }
}

export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): Promise<void>;
}

export async function tempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, file: (name) => join(path, name), remove: () => rm(path, { recursive: true, force: true }) };
}

/** Runs a GDAL tool and fails on any warning or error it prints. */
export async function gdal(tool: string, args: readonly string[]): Promise<string> {
  const { stdout, stderr } = await run(tool, [...args], { maxBuffer: 64 * 1024 * 1024 });
  if (/warning|error/i.test(stderr)) throw new Error(`${tool} ${args.join(' ')} said: ${stderr}`);
  return stdout;
}

export interface GdalBand {
  band: number;
  type: string;
  colorInterpretation?: string;
  description?: string;
  noDataValue?: number | string;
  scale?: number;
  offset?: number;
  checksum?: number;
  overviews?: { size: [number, number] }[];
  mask?: { flags: string[]; overviews?: { size: [number, number] }[] };
  colorTable?: { palette: string; count: number; entries: number[][] };
}

export interface GdalInfo {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem?: { wkt: string };
  metadata: Record<string, Record<string, string>>;
  bands: GdalBand[];
}

export async function gdalInfo(path: string): Promise<GdalInfo> {
  return JSON.parse(await gdal('gdalinfo', ['-json', '-checksum', path])) as GdalInfo;
}

/** The samples GDAL reads, pixel-interleaved (ENVI raw, BIP, little endian), with extra gdal_translate arguments. */
export async function readRaw(dir: TempDir, path: string, args: readonly string[] = []): Promise<Uint8Array> {
  const out = dir.file(`raw-${Math.random().toString(36).slice(2)}.envi`);
  await gdal('gdal_translate', ['-q', '-of', 'ENVI', '-co', 'INTERLEAVE=BIP', ...args, path, out]);
  return new Uint8Array(await readFile(out));
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(path, bytes);
}
