// An ImageData to the bytes of an output format: npy band after band as it is; the others interleaved once, then
// titiler's encoder rules (encode/render-image.ts); a tif carries the image's bounds and CRS.
import { AppError } from '@pqe/common';
import { mediaTypes } from '../encode/formats.js';
import { encodeBandsNpy } from '../encode/npy.js';
import { type EncodedImage, type RenderOptions, renderImage } from '../encode/render-image.js';
import type { GeoTiffCrs } from '../writer/geo-tags.js';
import { type ImageData, interleave } from './image-data.js';

export type OutputOptions = Omit<RenderOptions, 'geotransform' | 'crs'>;

/** The EPSG code of an image's CRS, for a GeoTIFF ("OGC:CRS84" is written as EPSG:4326). */
function geoTiffCrs(image: ImageData): GeoTiffCrs | undefined {
  const id = image.crs.id;
  if (id === 'OGC:CRS84') return { epsg: 4326, geographic: true };
  const match = id === undefined ? null : /^EPSG:(\d+)$/.exec(id);
  return match ? { epsg: Number(match[1]), geographic: image.crs.geographic } : undefined;
}

export async function encodeImage(image: ImageData, options: OutputOptions = {}): Promise<EncodedImage> {
  const { width, height } = image;
  if (options.format === 'npy') {
    // npy is band after band, as the image already is: no interleaving there and back.
    const mask = (options.addMask ?? true) ? image.mask : undefined;
    return { body: encodeBandsNpy(image.bands, image.sampleType, width, height, mask), format: 'npy', mediaType: mediaTypes.npy };
  }
  const data = interleave(image.bands, image.sampleType, width * height);
  const render: RenderOptions = { ...options };
  if (options.format === 'tif') {
    const crs = geoTiffCrs(image);
    if (crs === undefined) throw new AppError('InvalidParameter', 'This image has a CRS without an EPSG code: it cannot be written as a GeoTIFF.');
    const [w, , e, n] = image.bounds;
    const s = image.bounds[1];
    render.geotransform = [w, (e - w) / width, 0, n, 0, -(n - s) / height];
    render.crs = crs;
  }
  return renderImage({ data, width, height, bands: image.bands.length, mask: image.mask }, render);
}
