// Test helpers around GDAL's command-line tools: the reference for transforms (gdaltransform, i.e. PROJ) and a
// maker of tiny GeoTIFFs whose GeoKeys GDAL writes itself (gdal_create).
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Tiff } from '@cogeotiff/core';
import type { GeoKeys } from '../src/crs/geokeys.js';

const run = promisify(execFile);

/** Why GDAL-backed tests must be skipped here, or undefined when the tools are installed. */
export function gdalMissing(): string | undefined {
  for (const tool of ['gdaltransform', 'gdal_create']) {
    const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (probe.error !== undefined || probe.status !== 0) return `${tool} not installed: GDAL command-line tools are the reference for these tests`;
  }
  return undefined;
}

/** Transforms points with gdaltransform (x = longitude / easting first, as GDAL's command line takes them). */
export async function gdalTransform(sourceSrs: string, targetSrs: string, points: readonly (readonly [number, number])[]): Promise<[number, number][]> {
  const child = run('gdaltransform', ['-s_srs', sourceSrs, '-t_srs', targetSrs, '-output_xy'], { encoding: 'utf8' });
  child.child.stdin?.end(`${points.map(([x, y]) => `${x.toPrecision(17)} ${y.toPrecision(17)}`).join('\n')}\n`);
  const { stdout } = await child;
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [x, y] = line.trim().split(/\s+/).map(Number);
      return [x ?? Number.NaN, y ?? Number.NaN];
    });
}

/** Makes a 4×4 GeoTIFF with the given SRS (anything gdal_create -a_srs takes) and returns its GeoKeys. */
export async function geoKeysOf(path: string, srs: string): Promise<GeoKeys> {
  await run('gdal_create', ['-of', 'GTiff', '-outsize', '4', '4', '-bands', '1', '-a_ullr', '0', '40', '40', '0', '-a_srs', srs, path]);
  const bytes = await readFile(path);
  const source = {
    url: new URL(`file://${path}`),
    fetch: async (offset: number, length?: number): Promise<ArrayBuffer> => {
      const end = length === undefined ? bytes.byteLength : Math.min(bytes.byteLength, offset + length);
      return bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + end) as ArrayBuffer;
    },
  };
  const tiff = await Tiff.create(source);
  const image = tiff.images[0];
  if (image === undefined) throw new Error(`${path} has no image`);
  await image.loadGeoTiffTags();
  return Object.fromEntries(image.tagsGeo) as GeoKeys;
}

/** Runs async jobs, at most `limit` at once (the tools are single-threaded; the machine is shared). */
export async function limited<T>(limit: number, jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job !== undefined) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
